package io.netns4j.internal.runtime;

import io.netns4j.LinkInfo;
import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.nftables.Batch;
import io.netns4j.internal.nftables.Family;
import io.netns4j.internal.nftables.Listing;
import io.netns4j.internal.nftables.Listing.TableInfo;
import io.netns4j.internal.nftables.Listing.TableListing;
import io.netns4j.internal.nftables.Nft;
import io.netns4j.internal.nftables.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The nf_tables socket of one namespace ({@code NETLINK_NETFILTER}, opened on a thread inside it): applies
 * {@link Batch}es, each one transaction, and lists tables back. Usable from any thread; exchanges are serialised.
 *
 * <pre>{@code
 * ns.nftables().apply(new Batch().replace(partition).replace(loss)); // all or nothing
 * ns.nftables().apply(new Batch().remove(Family.INET, Table.NETNS4J)); // gone, whether or not it was there
 * }</pre>
 */
final class NftClient implements AutoCloseable {

    private final Namespace namespace;
    private final RtnlClient socket;

    private NftClient(Namespace namespace, RtnlClient socket) {
        this.namespace = namespace;
        this.socket = socket;
    }

    /** Opens the socket on one of the namespace's threads, so that it belongs to that namespace. */
    static NftClient open(Namespace namespace) {
        RtnlClient socket = namespace
                .inside(() -> RtnlClient.open(namespace.name(), Nft.NETLINK_NETFILTER, "nftables"));
        return new NftClient(namespace, socket);
    }

    /**
     * Applies a batch in one transaction: the kernel applies all of it or, if it refuses a message, none of it.
     *
     * @throws IllegalArgumentException
     *             if a chain of the batch attaches to a device the namespace does not have (checked first: recent
     *             kernels accept such a chain, which then filters nothing)
     * @throws io.netns4j.internal.netlink.NetlinkException
     *             naming the message the kernel refused, the errno, and the attribute the kernel points at, e.g.
     *             {@code NFT_MSG_DELTABLE table inet netns4j in namespace server failed: ENOENT (No such file or
     *             directory); the kernel points at NFTA_TABLE_NAME; the kernel rolled the whole batch of 1 message
     *             back}
     */
    void apply(Batch batch) {
        if (batch.isEmpty()) {
            return;
        }
        checkDevices(batch.devices());
        int first = socket.reserveSeqs(batch.size());
        Batch.Encoded encoded = batch.encode(first);
        String where = "in namespace " + namespace.name();
        List<Message> answers = socket.sendBatch(encoded.bytes(), encoded.firstSeq(), encoded.lastSeq(),
                encoded::awaitsAnswer, "nf_tables batch of " + (batch.size() - 2) + " messages");
        encoded.check(answers, where);
    }

    private void checkDevices(Map<String, String> devices) {
        if (devices.isEmpty()) {
            return;
        }
        List<String> present = namespace.links().stream().map(LinkInfo::name).toList();
        for (Map.Entry<String, String> d : devices.entrySet()) {
            if (!present.contains(d.getKey())) {
                throw new IllegalArgumentException("Cannot attach " + d.getValue() + " to device \"" + d.getKey()
                        + "\": namespace " + namespace.name() + " has no such device (it has " + present + ")");
            }
        }
    }

    /** The tables of every family in the namespace. Equivalent to: {@code nft list tables}. */
    List<TableInfo> tables() {
        return TableInfo.decodeAll(socket.dump(Listing.getTables()));
    }

    /** One table with its chains and rules, if it exists. Equivalent to: {@code nft list table F T}. */
    Optional<TableListing> table(Family family, String name) {
        Optional<TableInfo> info = tables().stream().filter(t -> t.family() == family && t.name().equals(name))
                .findFirst();
        if (info.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TableListing.of(info.get(), socket.dump(Listing.getChains()),
                socket.dump(Listing.getRules(family, name))));
    }

    /**
     * The whole ruleset of the namespace in {@code nft} syntax, for failure reports. Equivalent to:
     * {@code nft list ruleset}, for the expressions the codec knows.
     */
    String ruleset() {
        List<Message> chains = socket.dump(Listing.getChains());
        List<String> out = new ArrayList<>();
        for (TableInfo t : tables()) {
            out.add(TableListing.of(t, chains, socket.dump(Listing.getRules(t.family(), t.name()))).render());
        }
        return out.stream().collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        socket.close();
    }
}
