package io.netns4j.internal.junit;

import io.netns4j.annotations.Dummy;
import io.netns4j.annotations.TapDevice;
import io.netns4j.annotations.TunDevice;
import io.netns4j.annotations.Macvlan;
import io.netns4j.annotations.Macvtap;
import io.netns4j.annotations.GreTunnel;
import io.netns4j.annotations.IpipTunnel;
import io.netns4j.annotations.SitTunnel;
import io.netns4j.annotations.Vxlan;
import io.netns4j.annotations.Ipvlan;
import io.netns4j.annotations.Ipvtap;
import io.netns4j.annotations.Vlan;
import io.netns4j.internal.model.LinkSpec;
import io.netns4j.internal.model.kinds.DummyKind;
import io.netns4j.internal.model.kinds.TapKind;
import io.netns4j.internal.model.kinds.TunKind;
import io.netns4j.internal.model.kinds.MacvlanKind;
import io.netns4j.internal.model.kinds.GreKind;
import io.netns4j.internal.model.kinds.IpTunnelKind;
import io.netns4j.internal.model.kinds.VxlanKind;
import io.netns4j.internal.model.kinds.IpvlanKind;
import io.netns4j.internal.model.kinds.VlanKind;
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
    static final List<DeviceKind<?>> ALL = List.of(of(Dummy.class, DummyKind.Spec::of),
            of(TapDevice.class, TapKind.Spec::of), of(TunDevice.class, TunKind.Spec::of),
            of(Macvlan.class, MacvlanKind.Spec::of), of(Macvtap.class, MacvlanKind.Spec::of),
            of(Ipvlan.class, IpvlanKind.Spec::of), of(Ipvtap.class, IpvlanKind.Spec::of),
            of(Vlan.class, VlanKind.Spec::of), of(IpipTunnel.class, IpTunnelKind.Spec::of),
            of(GreTunnel.class, GreKind.Spec::of), of(SitTunnel.class, IpTunnelKind.Spec::of),
            of(Vxlan.class, VxlanKind.Spec::of));

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

    /** The annotation that declares a device of this kind. */
    Class<A> annotation() {
        return annotation;
    }

    void read(AnnotatedElement element, String where, List<LinkSpec> out) {
        for (A a : AnnotationReader.findAll(element, annotation)) {
            out.add(factory.apply(a, where));
        }
    }
}
