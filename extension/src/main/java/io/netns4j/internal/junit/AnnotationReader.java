package io.netns4j.internal.junit;

import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import io.netns4j.internal.model.LinkSpec;
import io.netns4j.internal.model.Specs.BridgeSpec;
import io.netns4j.internal.model.Specs.NamespaceSpec;
import io.netns4j.internal.model.Specs.PortSpec;
import io.netns4j.internal.model.Specs.RouteSpec;
import io.netns4j.internal.model.Specs.TopologySpec;
import io.netns4j.internal.model.Specs.VethSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads topology declarations into a {@link TopologySpec}, including those on composed (meta-)annotations, superclasses
 * and, for {@code @Nested} classes, the enclosing classes.
 */
final class AnnotationReader {

    private AnnotationReader() {
    }

    /**
     * The declarations that apply to a test class: its enclosing classes' (outermost first), its superclasses' (topmost
     * first), then its own.
     */
    static TopologySpec forClass(Class<?> testClass) {
        TopologySpec spec = empty("declared on " + testClass.getSimpleName());
        for (Class<?> c : declaringClasses(testClass)) {
            spec = spec.plus(read(c, where(c)), spec.subject());
        }
        return spec;
    }

    /**
     * The classes whose declarations apply to a test class, in the order they apply: its enclosing classes (outermost
     * first, as far as it is an inner class), each with its superclasses (topmost first), then the class itself.
     */
    static List<Class<?>> declaringClasses(Class<?> testClass) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = enclosingOfInner(c)) {
            List<Class<?>> hierarchy = new ArrayList<>();
            for (Class<?> s = c; s != null && s != Object.class; s = s.getSuperclass()) {
                hierarchy.add(0, s);
            }
            chain.addAll(0, hierarchy);
        }
        return chain;
    }

    /** Where a declaration was found, as problems name it: {@code on EchoIT} or {@code on EchoIT.test()}. */
    static String where(AnnotatedElement element) {
        if (element instanceof Method m) {
            return "on " + m.getDeclaringClass().getSimpleName() + "." + m.getName() + "()";
        }
        return "on " + ((Class<?>) element).getSimpleName();
    }

    private static Class<?> enclosingOfInner(Class<?> c) {
        return Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass();
    }

    /** The declarations on the class itself (not its enclosing or super classes). */
    static TopologySpec forClassOnly(Class<?> testClass) {
        return read(testClass, where(testClass));
    }

    /** The declarations on a test method. */
    static TopologySpec forMethod(Method method) {
        return read(method, where(method));
    }

    static TopologySpec empty(String subject) {
        return TopologySpec.empty(subject);
    }

    /**
     * The declarations made directly or through composed annotations on one element, each named in problems as found
     * {@code where} (e.g. {@code "on EchoIT"}).
     */
    static TopologySpec read(AnnotatedElement element, String where) {
        List<NamespaceSpec> namespaces = new ArrayList<>();
        for (NetNamespace n : findAll(element, NetNamespace.class)) {
            namespaces
                    .add(new NamespaceSpec(n.value(), n.forwarding(), "@NetNamespace(\"" + n.value() + "\") " + where));
        }
        List<VethSpec> veths = new ArrayList<>();
        for (VethLink v : findAll(element, VethLink.class)) {
            veths.add(new VethSpec(v.a(), v.aName(), List.of(v.aAddress()), v.b(), v.bName(), List.of(v.bAddress()),
                    v.mtu(), "@VethLink(a = \"" + v.a() + "\", b = \"" + v.b() + "\") " + where));
        }
        List<BridgeSpec> bridges = new ArrayList<>();
        for (Bridge b : findAll(element, Bridge.class)) {
            List<PortSpec> ports = Arrays.stream(b.ports()).map(AnnotationReader::port).toList();
            bridges.add(new BridgeSpec(b.name(), b.namespace(), List.of(b.address()), ports,
                    "@Bridge(name = \"" + b.name() + "\") " + where));
        }
        List<RouteSpec> routes = new ArrayList<>();
        for (Route r : findAll(element, Route.class)) {
            routes.add(new RouteSpec(r.ns(), r.to(), r.via(), r.dev(),
                    "@Route(ns = \"" + r.ns() + "\", to = \"" + r.to() + "\") " + where));
        }
        List<LinkSpec> links = new ArrayList<>();
        for (DeviceKind<?> kind : DeviceKind.ALL) {
            kind.read(element, where, links);
        }
        return new TopologySpec(where, namespaces, veths, bridges, links, routes);
    }

    /**
     * Every annotation of {@code type} on {@code element}, directly or through composed annotations (at any depth), in
     * declaration order. Unlike JUnit's {@code findRepeatableAnnotations}, equal annotations are all kept: two
     * identical {@code @VethLink}s are two links.
     */
    static <A extends Annotation> List<A> findAll(AnnotatedElement element, Class<A> type) {
        List<A> out = new ArrayList<>();
        collect(element, type, out, new HashSet<>());
        return out;
    }

    private static <A extends Annotation> void collect(AnnotatedElement element, Class<A> type, List<A> out,
            Set<Class<? extends Annotation>> visited) {
        out.addAll(Arrays.asList(element.getDeclaredAnnotationsByType(type)));
        for (Annotation a : element.getDeclaredAnnotations()) {
            Class<? extends Annotation> at = a.annotationType();
            if (at == type || at.getName().startsWith("java.lang.") || isContainerOf(at, type) || !visited.add(at)) {
                continue;
            }
            collect(at, type, out, visited);
        }
    }

    private static boolean isContainerOf(Class<? extends Annotation> container, Class<?> type) {
        java.lang.annotation.Repeatable r = type.getAnnotation(java.lang.annotation.Repeatable.class);
        return r != null && r.value() == container;
    }

    private static PortSpec port(BridgePort p) {
        return new PortSpec(p.ns(), p.name(), List.of(p.address()));
    }
}
