package io.netns4j.internal.junit;

import io.netns4j.Link;
import io.netns4j.Netns4jConfig;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.TopologyDefinitionException.Problem;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.TopologyScope;
import io.netns4j.internal.model.Specs.TopologySpec;
import io.netns4j.internal.model.Plan;
import io.netns4j.internal.model.Validator;
import io.netns4j.internal.runtime.Capabilities;
import io.netns4j.internal.runtime.FailureArtifacts;
import io.netns4j.internal.runtime.KeepOnFailure;
import io.netns4j.internal.runtime.TopologyRuntime;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * The JUnit Jupiter extension behind {@link NetworkTest}: reads the declarations, builds the topology into the context
 * store whose lifetime matches its scope, injects handles, and lets the store tear it down. It knows nothing of the
 * kernel: building and teardown are the runtime's.
 */
public final class NetworkTestExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {

    private static final Namespace NAMESPACE = Namespace.create(NetworkTestExtension.class);
    private static final String TOPOLOGY = "topology";
    private static final String CAPTURES_BEFORE = "capturesBefore";
    private static final String FAULTS = "faults";
    private static final String KEEP = "keepOnFailure";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean fail = failOnMissingPrivilege(context);
        boolean failOnFeature = failOnMissingKernelFeature(context);
        Optional<String> missing = Capabilities.missing();
        if (missing.isPresent()) {
            return fail ? ConditionEvaluationResult.enabled(Netns4jConfig.MISSING_PRIVILEGE + "=fail")
                    : ConditionEvaluationResult.disabled(missing.get());
        }
        List<String> features = missingKernelFeatures(context);
        if (features.isEmpty() || failOnFeature) {
            return ConditionEvaluationResult.enabled("netns4j can build this topology here");
        }
        return ConditionEvaluationResult.disabled(String.join("; ", features));
    }

    private static boolean failOnMissingKernelFeature(ExtensionContext context) {
        String mode = context.getConfigurationParameter(Netns4jConfig.MISSING_KERNEL_FEATURE)
                .orElse(Netns4jConfig.MISSING_KERNEL_FEATURE_DEFAULT).trim();
        if (!mode.equals("skip") && !mode.equals("fail")) {
            throw new ExtensionConfigurationException("Configuration " + Netns4jConfig.MISSING_KERNEL_FEATURE + " = \""
                    + mode + "\" is not valid. Use \"skip\" (the default) or \"fail\".");
        }
        return mode.equals("fail");
    }

    /**
     * The kernel features the topology of this context needs and the kernel lacks. A declaration that does not validate
     * needs nothing here: building it reports the problems.
     */
    private static List<String> missingKernelFeatures(ExtensionContext context) {
        Optional<Class<?>> testClass = context.getTestClass();
        if (testClass.isEmpty()) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        try {
            Plan plan = context.getTestMethod().isPresent() && scope(testClass.get()) == TopologyScope.PER_METHOD
                    ? methodPlan(context, testClass.get(), context.getTestMethod().get())
                    : Validator.validate(AnnotationReader.forClass(testClass.get()));
            missing.addAll(TopologyRuntime.missingFeatures(plan));
        } catch (TopologyDefinitionException e) {
            return List.of();
        }
        FaultAnnotations faults = faults(context, testClass.get(), context.getTestMethod().orElse(null));
        TopologyRuntime.missingFeatures(faults.impairmentSpecs()).stream().filter(r -> !missing.contains(r))
                .forEach(missing::add);
        return missing;
    }

    private static boolean failOnMissingPrivilege(ExtensionContext context) {
        String mode = context.getConfigurationParameter(Netns4jConfig.MISSING_PRIVILEGE)
                .orElse(Netns4jConfig.MISSING_PRIVILEGE_DEFAULT).trim();
        if (!mode.equals("skip") && !mode.equals("fail")) {
            throw new ExtensionConfigurationException("Configuration " + Netns4jConfig.MISSING_PRIVILEGE + " = \""
                    + mode + "\" is not valid. Use \"skip\" (the default) or \"fail\".");
        }
        return mode.equals("fail");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        TopologyScope scope = scope(testClass);
        checkFields(testClass, scope);
        if (scope == TopologyScope.PER_CLASS) {
            checkNoMethodDeclarations(testClass);
            boolean ownDeclarations = !AnnotationReader.forClassOnly(testClass).isEmpty();
            if (ownDeclarations || findTopology(context).isEmpty()) {
                build(context, AnnotationReader.forClass(testClass));
            }
            Topology topology = findTopology(context).orElseThrow();
            injectFields(testClass, null, topology, true);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        context.getStore(NAMESPACE).put(KEEP, keepOnFailure(context));
        FaultAnnotations faults = faults(context, testClass, context.getRequiredTestMethod());
        if (scope(testClass) == TopologyScope.PER_METHOD) {
            Plan plan = methodPlan(context, testClass, context.getRequiredTestMethod());
            faults.check(plan, plan.subject());
            build(context, plan);
        } else if (!faults.isEmpty()) {
            faults.check(Validator.validate(AnnotationReader.forClass(testClass)), "declared on "
                    + testClass.getSimpleName() + "." + context.getRequiredTestMethod().getName() + "()");
        }
        Topology topology = findTopology(context).orElseThrow();
        if (!faults.isEmpty()) {
            context.getStore(NAMESPACE).put(FAULTS, faults.apply(topology));
        }
        context.getStore(NAMESPACE).put(CAPTURES_BEFORE, TopologyRuntime.captures(topology).size());
        FailureArtifacts.setCurrentTest(testDirectory(context));
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance.getClass(), instance, topology, false);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        FailureArtifacts.setCurrentTest(null);
        FaultAnnotations.Applied faults = context.getStore(NAMESPACE).remove(FAULTS, FaultAnnotations.Applied.class);
        if (faults != null) {
            faults.close();
        }
    }

    /**
     * Keeps the evidence of a failed test: a description of its topology's kernel state ({@code topology.txt}) and the
     * pcap of every capture it opened are written under {@code target/netns4j/<class>/<method>/}, published to the
     * JUnit report, and named in a suppressed exception attached to the failure, so the failure message says where.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (throwable instanceof io.netns4j.KernelFeatureMissingException missing
                && !failOnMissingKernelFeature(context)) {
            throw new org.opentest4j.TestAbortedException(missing.getMessage(), missing);
        }
        Optional<Topology> topology = findTopology(context);
        if (topology.isPresent()) {
            java.nio.file.Path directory = testDirectory(context);
            java.nio.file.Path description = null;
            try {
                description = FailureArtifacts.keepDescription(TopologyRuntime.describe(topology.get()), directory);
                publish(context, description, TEXT);
            } catch (RuntimeException e) {
                throwable.addSuppressed(e);
            }
            List<io.netns4j.Capture> captures = TopologyRuntime.captures(topology.get());
            Integer before = context.getStore(NAMESPACE).get(CAPTURES_BEFORE, Integer.class);
            List<io.netns4j.Capture> mine = captures.subList(before == null ? 0 : Math.min(before, captures.size()),
                    captures.size());
            List<String> pcaps = new ArrayList<>();
            for (io.netns4j.Capture c : mine) {
                try {
                    java.nio.file.Path file = FailureArtifacts.keep(c, directory);
                    pcaps.add(file.toString());
                    publish(context, file, PCAP);
                } catch (RuntimeException e) {
                    throwable.addSuppressed(e);
                }
            }
            if (description != null || !pcaps.isEmpty()) {
                throwable.addSuppressed(new ArtifactsKept(description, pcaps));
            }
            KeepOnFailure keep = context.getStore(NAMESPACE).get(KEEP, KeepOnFailure.class);
            if (keep != null && keep.isOn() && !(throwable instanceof org.opentest4j.TestAbortedException)) {
                hold(context, keep, topology.get(), directory, description, throwable);
            }
        }
        throw throwable;
    }

    /**
     * Keeps the failed test's topology alive until it is released: the hint goes to standard error (Surefire and IDEs
     * show it at once) and to the JUnit report as the entry {@value #KEPT_ENTRY}.
     */
    private static void hold(ExtensionContext context, KeepOnFailure keep, Topology topology,
            java.nio.file.Path directory, java.nio.file.Path description, Throwable throwable) {
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + "()";
        try {
            String released = keep.hold(topology, test, directory, hint -> {
                String text = description == null ? hint
                        : hint + "Its state when the test failed is in " + description.toAbsolutePath() + "\n";
                System.err.print(text);
                System.err.flush();
                context.publishReportEntry(KEPT_ENTRY, text.strip());
            });
            System.err.println("netns4j released the topology of " + test + ": " + released + ".");
        } catch (RuntimeException e) {
            throwable.addSuppressed(e);
        }
    }

    /** The key of the JUnit report entry that says how to enter a kept topology. */
    static final String KEPT_ENTRY = "netns4j.kept";

    /**
     * {@value Netns4jConfig#KEEP_ON_FAILURE} if set for the run, else {@code @NetworkTest(keepOnFailure)}, else off: a
     * run can always override what a test says, so that an unattended run never waits for a person.
     */
    private static KeepOnFailure keepOnFailure(ExtensionContext context) {
        Optional<String> configured = context.getConfigurationParameter(Netns4jConfig.KEEP_ON_FAILURE)
                .filter(v -> !v.isBlank());
        try {
            if (configured.isPresent()) {
                return KeepOnFailure.parse(configured.get(), "Configuration " + Netns4jConfig.KEEP_ON_FAILURE);
            }
            for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
                Optional<NetworkTest> a = AnnotationSupport.findAnnotation(c, NetworkTest.class);
                if (a.isPresent()) {
                    return a.get().keepOnFailure().isBlank() ? KeepOnFailure.OFF : KeepOnFailure
                            .parse(a.get().keepOnFailure(), "@NetworkTest(keepOnFailure) on " + c.getSimpleName());
                }
            }
            return KeepOnFailure.OFF;
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static final String PCAP = "application/vnd.tcpdump.pcap";
    private static final String TEXT = "text/plain; charset=UTF-8";

    private static void publish(ExtensionContext context, java.nio.file.Path file, String mediaType) {
        try {
            context.publishFile(file.getFileName().toString(), org.junit.jupiter.api.MediaType.parse(mediaType),
                    target -> java.nio.file.Files.copy(file, target));
        } catch (RuntimeException | LinkageError e) {
            // a JUnit without file publishing: the file stays where the message says
        }
    }

    private static java.nio.file.Path testDirectory(ExtensionContext context) {
        java.nio.file.Path root = context.getConfigurationParameter(FailureArtifacts.REPORT_DIR)
                .map(java.nio.file.Path::of).orElseGet(FailureArtifacts::root);
        return root.resolve(safe(context.getRequiredTestClass().getName()))
                .resolve(safe(context.getRequiredTestMethod().getName() + "-" + context.getUniqueId().hashCode()));
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Attached to a failed test's exception: where the description of its topology and the pcaps of its captures were
     * kept.
     */
    static final class ArtifactsKept extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ArtifactsKept(java.nio.file.Path description, List<String> pcaps) {
            super(message(description, pcaps), null, false, false);
        }

        private static String message(java.nio.file.Path description, List<String> pcaps) {
            List<String> parts = new ArrayList<>();
            if (description != null) {
                parts.add("the topology's kernel state in " + description);
            }
            if (!pcaps.isEmpty()) {
                parts.add("the packets captured by this test in " + String.join(", ", pcaps));
            }
            return "netns4j kept " + String.join("; ", parts);
        }
    }

    private void build(ExtensionContext context, TopologySpec spec) {
        build(context, Validator.validate(spec));
    }

    private void build(ExtensionContext context, Plan plan) {
        Optional<String> missing = Capabilities.missing();
        if (missing.isPresent()) {
            throw new ExtensionConfigurationException(missing.get());
        }
        Topology topology = TopologyRuntime.build(plan,
                TopologyRuntime.Settings.from(k -> context.getConfigurationParameter(k).orElse(null)));
        context.getStore(NAMESPACE).put(TOPOLOGY, topology);
    }

    /** What a cached declaration is, for whom. */
    private record Declared(String what, Class<?> testClass, Method method) {
    }

    /**
     * The validated plan of a test method's topology (its class's declarations plus its own), read and validated once
     * per run and kept in the root store: the execution condition and every repetition of the method use it. A
     * declaration that does not validate is not kept, so each test reports its own exception.
     */
    private static Plan methodPlan(ExtensionContext context, Class<?> testClass, Method method) {
        return cached(context, new Declared("plan", testClass, method), Plan.class,
                () -> Validator.validate(AnnotationReader.forClass(testClass).plus(AnnotationReader.forMethod(method),
                        "declared on " + testClass.getSimpleName() + "." + method.getName() + "()")));
    }

    /** The fault annotations of a test method (or of a class, with a null method), read once per run. */
    private static FaultAnnotations faults(ExtensionContext context, Class<?> testClass, Method method) {
        return cached(context, new Declared("faults", testClass, method), FaultAnnotations.class,
                () -> FaultAnnotations.read(testClass, method));
    }

    /**
     * The value kept under {@code key} in the root store, computed and kept on first use. Unlike the store's own
     * getOrComputeIfAbsent, a computation that throws is not kept: the next test computes, and reports, its own.
     */
    private static <T> T cached(ExtensionContext context, Declared key, Class<T> type,
            java.util.function.Supplier<T> compute) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        T value = store.get(key, type);
        if (value == null) {
            value = compute.get();
            store.put(key, value);
        }
        return value;
    }

    private static Optional<Topology> findTopology(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Topology t = c.getStore(NAMESPACE).get(TOPOLOGY, Topology.class);
            if (t != null) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    static TopologyScope scope(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<NetworkTest> a = AnnotationSupport.findAnnotation(c, NetworkTest.class);
            if (a.isPresent()) {
                return a.get().scope();
            }
        }
        return TopologyScope.PER_METHOD;
    }

    private static void checkNoMethodDeclarations(Class<?> testClass) {
        List<Problem> problems = new ArrayList<>();
        for (Method m : testClass.getDeclaredMethods()) {
            TopologySpec own = AnnotationReader.forMethod(m);
            if (!own.isEmpty()) {
                problems.add(new Problem("@NetworkTest(scope = PER_CLASS) on " + testClass.getSimpleName(), "scope",
                        "PER_CLASS",
                        "method " + m.getName() + "() declares its own topology, which needs a topology per"
                                + " test. Move the declarations to the class, or use scope = PER_METHOD."));
            }
        }
        if (!problems.isEmpty()) {
            throw new TopologyDefinitionException("declared on " + testClass.getSimpleName(), problems);
        }
    }

    // ---- fields

    private static List<Field> injectableFields(Class<?> testClass) {
        return org.junit.platform.commons.support.ReflectionSupport.findFields(testClass,
                f -> f.isAnnotationPresent(Ns.class) || f.isAnnotationPresent(Dev.class)
                        || f.getType() == Topology.class,
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static void checkFields(Class<?> testClass, TopologyScope scope) {
        for (Field f : injectableFields(testClass)) {
            String what = "field [" + f.getDeclaringClass().getSimpleName() + "." + f.getName() + "]";
            if (ModifierSupport.isFinal(f)) {
                throw new ExtensionConfigurationException(
                        "netns4j " + what + " must not be final: it is assigned before each test.");
            }
            if (f.isAnnotationPresent(Ns.class) && f.getType() != NetNs.class) {
                throw new ExtensionConfigurationException(
                        "@Ns " + what + " must be of type NetNs, not " + f.getType().getSimpleName() + ".");
            }
            if (f.isAnnotationPresent(Dev.class) && f.getType() != Link.class
                    && !AutoCloseable.class.isAssignableFrom(f.getType())) {
                throw new ExtensionConfigurationException("@Dev " + what + " must be of type Link or of a device's"
                        + " handle type (such as Tap), not " + f.getType().getSimpleName() + ".");
            }
            if (ModifierSupport.isStatic(f) && scope != TopologyScope.PER_CLASS) {
                throw new ExtensionConfigurationException("netns4j " + what + " is static, but each test gets its own"
                        + " topology. Make the field an instance field, or use @NetworkTest(scope = PER_CLASS).");
            }
        }
    }

    private static void injectFields(Class<?> testClass, Object instance, Topology topology, boolean statics) {
        for (Field f : injectableFields(testClass)) {
            if (Modifier.isStatic(f.getModifiers()) != statics) {
                continue;
            }
            Object value = resolve(f.getType(), f.getAnnotation(Ns.class), f.getAnnotation(Dev.class), topology,
                    "field [" + f.getDeclaringClass().getSimpleName() + "." + f.getName() + "]");
            try {
                f.setAccessible(true);
                f.set(instance, value);
            } catch (IllegalAccessException e) {
                throw new ExtensionConfigurationException("Cannot assign netns4j field [" + f + "]", e);
            }
        }
    }

    // ---- parameters

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == Topology.class || (type == NetNs.class && parameterContext.isAnnotated(Ns.class))
                || parameterContext.isAnnotated(Dev.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter p = parameterContext.getParameter();
        String what = "parameter " + parameterContext.getIndex() + " [" + p.getType().getSimpleName() + "] of "
                + signature(p.getDeclaringExecutable());
        Topology topology = findTopology(extensionContext)
                .orElseThrow(() -> new ParameterResolutionException("No netns4j topology exists yet for " + what
                        + ": with the default scope PER_METHOD the topology is built"
                        + " before each test, so inject it into test methods, @BeforeEach/@AfterEach methods or fields,"
                        + " or use @NetworkTest(scope = PER_CLASS)."));
        try {
            return resolve(p.getType(), p.getAnnotation(Ns.class), p.getAnnotation(Dev.class), topology, what);
        } catch (ExtensionConfigurationException e) {
            throw new ParameterResolutionException(e.getMessage(), e.getCause());
        }
    }

    private static String signature(java.lang.reflect.Executable e) {
        return e.getDeclaringClass().getSimpleName() + "." + e.getName() + "("
                + java.util.Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName)
                        .collect(java.util.stream.Collectors.joining(", "))
                + ")";
    }

    private static Object resolve(Class<?> type, Ns ns, Dev dev, Topology topology, String what) {
        try {
            if (ns != null) {
                return topology.ns(ns.value());
            }
            if (dev != null) {
                return type == Link.class ? topology.ns(dev.ns()).link(dev.name())
                        : topology.ns(dev.ns()).device(dev.name(), type);
            }
            return topology;
        } catch (IllegalArgumentException e) {
            String annotation = ns != null ? "@Ns(\"" + ns.value() + "\")"
                    : "@Dev(ns = \"" + dev.ns() + "\", name = \"" + dev.name() + "\")";
            String fix = ns != null ? "Name a declared namespace."
                    : "Name a declared namespace and one of its interfaces.";
            throw new ExtensionConfigurationException(annotation + " on " + what + ": " + e.getMessage() + ". " + fix,
                    e);
        }
    }
}
