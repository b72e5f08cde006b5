package io.netns4j.internal.junit;

import io.netns4j.annotations.Dummy;
import io.netns4j.internal.model.LinkSpec;
import io.netns4j.internal.model.kinds.DummyKind;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How the declarations of one device kind are read: its annotation and the spec record's factory. Adding a kind to the
 * JUnit glue is one line in {@link #ALL}.
 */
final class DeviceKind<A extends Annotation> {

    /** Every device kind beyond veth and bridge, in the order their declarations are read. */
    static final List<DeviceKind<?>> ALL = List.of(of(Dummy.class, DummyKind.Spec::of));

    private final Class<A> annotation;
    private final BiFunction<A, String, LinkSpec> factory;

    private DeviceKind(Class<A> annotation, BiFunction<A, String, LinkSpec> factory) {
        this.annotation = annotation;
        this.factory = factory;
    }

    /** A kind read from {@code annotation} by {@code factory(annotation, "on <where>")}. */
    static <A extends Annotation> DeviceKind<A> of(Class<A> annotation, BiFunction<A, String, LinkSpec> factory) {
        return new DeviceKind<>(annotation, factory);
    }

    void read(AnnotatedElement element, String where, List<LinkSpec> out) {
        for (A a : AnnotationReader.findAll(element, annotation)) {
            out.add(factory.apply(a, where));
        }
    }
}
