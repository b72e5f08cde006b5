/**
 * The vocabulary of netns4j topologies: plain annotations with no runtime code and no dependencies.
 *
 * <p>
 * They take effect on a class annotated with {@code io.netns4j.NetworkTest} (in the extension module), which registers
 * the extension that reads them.
 */
package io.netns4j.annotations;
