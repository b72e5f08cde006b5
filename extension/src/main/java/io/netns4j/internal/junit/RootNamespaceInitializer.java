package io.netns4j.internal.junit;

import io.netns4j.internal.runtime.Capabilities;
import io.netns4j.internal.runtime.RootNamespace;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares the JVM from the launcher's thread, in the root network namespace, before the first test runs: the JDK's
 * lazily created NIO statics and JNA are initialised there, never inside a test's namespace (see
 * {@link RootNamespace}). Registered through {@code META-INF/services}.
 */
public final class RootNamespaceInitializer implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Capabilities.missing().isEmpty()) {
            RootNamespace.get();
        }
    }
}
