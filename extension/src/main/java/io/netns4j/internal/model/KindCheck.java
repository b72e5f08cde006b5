package io.netns4j.internal.model;

import java.util.Set;

/** What a {@link LinkSpec} may ask and report while the {@link Validator} checks it. */
public interface KindCheck {

    /**
     * Reports a problem of the declaration being checked: the attribute, its value, what is wrong and how to fix it.
     */
    void problem(String attribute, Object value, String text);

    /** The interface names declared in namespace {@code ns} so far (veth ends, bridges, devices, default names too). */
    Set<String> interfaces(String ns);

    /** The kinds of the devices declared on parent {@code parent} of namespace {@code ns}, in declaration order. */
    java.util.List<String> kindsOnParent(String ns, String parent);

    /**
     * The kind of device {@code name} of namespace {@code ns}: "veth", "bridge", a device kind, or null if undeclared.
     */
    String kindOf(String ns, String name);
}
