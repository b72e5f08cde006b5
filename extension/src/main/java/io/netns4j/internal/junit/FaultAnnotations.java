package io.netns4j.internal.junit;

import io.netns4j.Cut;
import io.netns4j.Impairment;
import io.netns4j.ImpairmentSpec;
import io.netns4j.Topology;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.TopologyDefinitionException.Problem;
import io.netns4j.annotations.Impair;
import io.netns4j.annotations.Isolate;
import io.netns4j.annotations.Partition;
import io.netns4j.internal.model.Plan;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The network faults a test declares with {@link Partition}, {@link Isolate} and {@link Impair}: read from the test
 * class (its enclosing and super classes included) and the test method, checked against the validated plan before
 * anything is built, put in force after the build and taken away after the test.
 */
final class FaultAnnotations {

    /** One declaration and where it was found, e.g. {@code @Partition on EchoIT.cut()}. */
    record Declared<A>(A annotation, String where) {
    }

    private final List<Declared<Partition>> partitions;
    private final List<Declared<Isolate>> isolations;
    private final List<Declared<Impair>> impairments;

    private FaultAnnotations(List<Declared<Partition>> partitions, List<Declared<Isolate>> isolations,
            List<Declared<Impair>> impairments) {
        this.partitions = partitions;
        this.isolations = isolations;
        this.impairments = impairments;
    }

    static FaultAnnotations read(Class<?> testClass, Method method) {
        List<AnnotatedElement> elements = new ArrayList<>(AnnotationReader.declaringClasses(testClass));
        if (method != null) {
            elements.add(method);
        }
        List<Declared<Partition>> p = new ArrayList<>();
        List<Declared<Isolate>> i = new ArrayList<>();
        List<Declared<Impair>> m = new ArrayList<>();
        for (AnnotatedElement e : elements) {
            String where = AnnotationReader.where(e);
            AnnotationReader.findAll(e, Partition.class).forEach(a -> p.add(new Declared<>(a, where)));
            AnnotationReader.findAll(e, Isolate.class).forEach(a -> i.add(new Declared<>(a, where)));
            AnnotationReader.findAll(e, Impair.class).forEach(a -> m.add(new Declared<>(a, where)));
        }
        return new FaultAnnotations(p, i, m);
    }

    boolean isEmpty() {
        return partitions.isEmpty() && isolations.isEmpty() && impairments.isEmpty();
    }

    /** The impairments declared, as specs (invalid ones left out: {@link #check} reports them). */
    List<ImpairmentSpec> impairmentSpecs() {
        List<ImpairmentSpec> out = new ArrayList<>();
        for (Declared<Impair> d : impairments) {
            if (problems(d.annotation()).isEmpty()) {
                out.add(spec(d.annotation()));
            }
        }
        return out;
    }

    /**
     * Every problem of the declarations, against the plan: unknown namespaces or interfaces, a namespace in two groups,
     * values out of range.
     *
     * @throws TopologyDefinitionException
     *             listing them all
     */
    void check(Plan plan, String subject) {
        Set<String> namespaces = new TreeSet<>();
        plan.namespaces().stream().filter(n -> !n.hidden()).forEach(n -> namespaces.add(n.name()));
        Map<String, Set<String>> interfaces = interfaces(plan);
        List<Problem> problems = new ArrayList<>();
        for (Declared<Partition> d : partitions) {
            Partition a = d.annotation();
            String decl = "@Partition(" + quoted(a.value()) + ") " + d.where();
            if (a.value().length < 2) {
                problems.add(new Problem(decl, "value", String.join("\", \"", a.value()),
                        "a partition needs at least two groups. Give each group as a comma-separated list of namespaces,"
                                + " e.g. {\"a, b\", \"c\"}, or use @Isolate to cut namespaces off from all the others."));
            }
            Map<String, Integer> groupOf = new TreeMap<>();
            for (int g = 0; g < a.value().length; g++) {
                List<String> members = group(a.value()[g]);
                if (members.isEmpty()) {
                    problems.add(new Problem(decl, "value", a.value()[g],
                            "group " + (g + 1) + " names no namespace. List namespaces separated by commas."));
                }
                for (String ns : members) {
                    if (!namespaces.contains(ns)) {
                        problems.add(new Problem(decl, "value", a.value()[g], "no namespace \"" + ns
                                + "\" is declared (declared: " + namespaces + "). Name declared namespaces."));
                    } else if (groupOf.containsKey(ns) && groupOf.get(ns) != g) {
                        problems.add(new Problem(decl, "value", a.value()[g],
                                "namespace \"" + ns + "\" is in two groups. Put each namespace in one group."));
                    }
                    groupOf.putIfAbsent(ns, g);
                }
            }
        }
        for (Declared<Isolate> d : isolations) {
            Isolate a = d.annotation();
            String decl = "@Isolate(" + quoted(a.value()) + ") " + d.where();
            if (a.value().length == 0) {
                problems.add(
                        new Problem(decl, "value", "", "no namespace given. Name at least one namespace to isolate."));
            }
            for (String ns : a.value()) {
                if (!namespaces.contains(ns)) {
                    problems.add(new Problem(decl, "value", ns, "no namespace \"" + ns + "\" is declared (declared: "
                            + namespaces + "). Name a declared namespace."));
                }
            }
        }
        for (Declared<Impair> d : impairments) {
            Impair a = d.annotation();
            String decl = "@Impair(ns = \"" + a.ns() + "\", dev = \"" + a.dev() + "\") " + d.where();
            if (!namespaces.contains(a.ns())) {
                problems.add(new Problem(decl, "ns", a.ns(), "no namespace \"" + a.ns() + "\" is declared (declared: "
                        + namespaces + "). Name a declared namespace."));
            } else if (!interfaces.getOrDefault(a.ns(), Set.of()).contains(a.dev())) {
                problems.add(new Problem(decl, "dev", a.dev(),
                        "namespace \"" + a.ns() + "\" declares no interface \"" + a.dev() + "\" (it has "
                                + interfaces.getOrDefault(a.ns(), Set.of()) + "). Name one of its interfaces."));
            }
            for (String p : problems(a)) {
                problems.add(new Problem(decl, attribute(p), value(a, p), p));
            }
        }
        if (!problems.isEmpty()) {
            throw new TopologyDefinitionException(subject, problems);
        }
    }

    /** The attribute a problem line of {@link ImpairmentSpec#problems} is about. */
    private static String attribute(String problem) {
        for (String[] pair : new String[][] { { "loss correlation", "lossCorrelation" },
                { "reorder correlation", "reorder" }, { "delay correlation", "delayMillis" }, { "loss", "loss" },
                { "duplicate", "duplicate" }, { "corrupt", "corrupt" }, { "reorder", "reorder" },
                { "rate", "rateKbit" }, { "burst", "burstBytes" }, { "delay", "delayMillis" },
                { "jitter", "jitterMillis" } }) {
            if (problem.startsWith(pair[0] + " ")) {
                return pair[1];
            }
        }
        return "delayMillis";
    }

    private static String value(Impair a, String problem) {
        return switch (attribute(problem)) {
        case "lossCorrelation" -> fmt(a.lossCorrelation());
        case "loss" -> fmt(a.loss());
        case "duplicate" -> fmt(a.duplicate());
        case "corrupt" -> fmt(a.corrupt());
        case "reorder" -> fmt(a.reorder());
        case "rateKbit" -> "" + a.rateKbit();
        case "burstBytes" -> "" + a.burstBytes();
        case "jitterMillis" -> "" + a.jitterMillis();
        default -> "" + a.delayMillis();
        };
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static List<String> problems(Impair a) {
        return ImpairmentSpec.problems(a.loss(), a.lossCorrelation(), a.rateKbit(), a.burstBytes(),
                Duration.ofMillis(a.delayMillis()), Duration.ofMillis(a.jitterMillis()), 0, a.duplicate(), a.corrupt(),
                a.reorder(), 0);
    }

    private static ImpairmentSpec spec(Impair a) {
        return new ImpairmentSpec(a.loss(), a.lossCorrelation(), a.rateKbit(), a.burstBytes(),
                Duration.ofMillis(a.delayMillis()), Duration.ofMillis(a.jitterMillis()), 0, a.distribution(),
                a.duplicate(), a.corrupt(), a.reorder(), 0);
    }

    private static Map<String, Set<String>> interfaces(Plan plan) {
        Map<String, Set<String>> out = new TreeMap<>();
        plan.veths().forEach(v -> {
            out.computeIfAbsent(v.a().ns(), k -> new TreeSet<>()).add(v.a().name());
            out.computeIfAbsent(v.b().ns(), k -> new TreeSet<>()).add(v.b().name());
        });
        plan.bridges().forEach(b -> out.computeIfAbsent(b.ns(), k -> new TreeSet<>()).add(b.name()));
        plan.links().forEach(l -> out.computeIfAbsent(l.ns(), k -> new TreeSet<>()).add(l.name()));
        plan.namespaces().forEach(n -> out.computeIfAbsent(n.name(), k -> new TreeSet<>()).add("lo"));
        return out;
    }

    private static List<String> group(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String quoted(String[] values) {
        return values.length == 1 ? "\"" + values[0] + "\""
                : "{" + String.join(", ", Arrays.stream(values).map(v -> "\"" + v + "\"").toList()) + "}";
    }

    /** Puts the declared faults in force; what was put in force is returned, to be taken away after the test. */
    Applied apply(Topology topology) {
        Applied applied = new Applied();
        try {
            for (Declared<Partition> d : partitions) {
                List<Set<String>> groups = Arrays.stream(d.annotation().value())
                        .map(g -> (Set<String>) new LinkedHashSet<>(group(g))).toList();
                applied.cuts.add(topology.partition(groups, mode(d.annotation().reject())));
            }
            for (Declared<Isolate> d : isolations) {
                for (String ns : d.annotation().value()) {
                    applied.cuts.add(topology.isolate(ns, mode(d.annotation().reject())));
                }
            }
            for (Declared<Impair> d : impairments) {
                applied.impairments
                        .add(topology.link(d.annotation().ns(), d.annotation().dev()).impair(spec(d.annotation())));
            }
        } catch (RuntimeException e) {
            try {
                applied.close();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return applied;
    }

    private static Cut.Mode mode(boolean reject) {
        return reject ? Cut.Mode.REJECT : Cut.Mode.DROP;
    }

    /** The faults a test's declarations put in force; closing takes them away, collecting failures. */
    static final class Applied implements AutoCloseable {
        private final List<Cut> cuts = new ArrayList<>();
        private final List<Impairment> impairments = new ArrayList<>();

        @Override
        public void close() {
            List<RuntimeException> failures = new ArrayList<>();
            for (Impairment i : impairments) {
                try {
                    i.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            for (Cut c : cuts) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                RuntimeException first = failures.get(0);
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
                throw first;
            }
        }
    }
}
