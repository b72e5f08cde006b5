package io.netns4j.internal.nftables;

import java.util.List;
import java.util.Objects;

/**
 * A chain and its rules. A base chain attaches to a hook (and, in the {@code netdev} family, to a device) at a
 * priority; a regular chain has no hook and is only reached by a jump.
 *
 * @param name
 *            the chain's name
 * @param type
 *            {@code filter}, {@code nat} or {@code route} for a base chain; null for a regular chain
 * @param hook
 *            the hook of a base chain; null for a regular chain
 * @param device
 *            the device of a {@code netdev} base chain ({@code NFTA_HOOK_DEV}); null otherwise
 * @param priority
 *            the base chain's priority: lower runs first
 * @param policy
 *            what a base chain does with a packet no rule decided: {@link Verdict#ACCEPT} or {@link Verdict#DROP}
 * @param rules
 *            the rules, in order
 */
public record Chain(String name, String type, Hook hook, String device, int priority, Verdict policy,
        List<Rule> rules) {

    /**
     * {@code -300}, the priority of netns4j's {@code inet} chains: {@code NF_IP_PRI_RAW}, which {@code nft} lists as
     * {@code priority raw}. It runs before the chains a user's own ruleset has at the usual priorities (mangle -150,
     * filter 0, security 50), so a partition drops a packet before any of them counts, logs, queues or accepts it.
     */
    public static final int PRIORITY_RAW = -300;

    /**
     * {@code -500}, the priority of netns4j's {@code netdev} chains: before the {@code netdev} chains a user would add
     * at the customary priorities ({@code filter}, 0).
     */
    public static final int PRIORITY_NETDEV = -500;

    public Chain {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A chain needs a name");
        }
        if (hook == null && (type != null || device != null || policy != null)) {
            throw new IllegalArgumentException(
                    "Chain " + name + " has no hook, so it cannot have a type, a device or a policy");
        }
        if (hook != null) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(policy, "policy");
            if (policy.code() != Nft.NF_ACCEPT && policy.code() != Nft.NF_DROP) {
                throw new IllegalArgumentException(
                        "Chain " + name + ": a base chain's policy is accept or drop, not " + policy.render());
            }
        }
    }

    /**
     * A {@code filter} base chain with policy {@code accept}. Equivalent to: {@code chain NAME { type filter hook HOOK
     * priority PRIORITY; policy accept; RULES }}.
     */
    public static Chain filter(String name, Hook hook, int priority, List<Rule> rules) {
        return new Chain(name, "filter", Objects.requireNonNull(hook, "hook"), null, priority, Verdict.ACCEPT, rules);
    }

    /**
     * A {@code filter} base chain of the {@code netdev} family on one device, with policy {@code accept}. Equivalent
     * to: {@code chain NAME { type filter hook HOOK device "DEVICE" priority PRIORITY; policy accept; RULES }}.
     */
    public static Chain filter(String name, Hook hook, String device, int priority, List<Rule> rules) {
        return new Chain(name, "filter", Objects.requireNonNull(hook, "hook"), Objects.requireNonNull(device, "device"),
                priority, Verdict.ACCEPT, rules);
    }

    /** A regular chain: no hook, reached by {@code jump} or {@code goto}. */
    public static Chain regular(String name, List<Rule> rules) {
        return new Chain(name, null, null, null, 0, null, rules);
    }

    /** Whether the chain attaches to a hook. */
    public boolean isBase() {
        return hook != null;
    }

    /** This chain with other rules. */
    public Chain withRules(List<Rule> newRules) {
        return new Chain(name, type, hook, device, priority, policy, newRules);
    }

    /**
     * The chain's specification in {@code nft} syntax, as {@code nft list} prints its first line:
     * {@code type filter hook input priority raw; policy accept;}; empty for a regular chain.
     */
    public String renderSpec(Family family) {
        if (hook == null) {
            return "";
        }
        return "type " + type + " hook " + hook.nftName() + (device != null ? " device \"" + device + "\"" : "")
                + " priority " + priorityName(family, hook, priority) + "; policy " + policy.render() + ";";
    }

    /**
     * A priority as {@code nft} 1.0.6 prints it: the standard names where the value is one ({@code raw},
     * {@code mangle}, {@code dstnat}, {@code filter}, {@code security}, {@code srcnat} for the IP families;
     * {@code filter} for {@code netdev}), the number otherwise.
     */
    static String priorityName(Family family, Hook hook, int priority) {
        if (family == Family.NETDEV || family == Family.ARP) {
            return priority == 0 ? "filter" : Integer.toString(priority);
        }
        if (family == Family.BRIDGE) {
            return switch (priority) {
            case -300 -> "dstnat";
            case -200 -> "filter";
            case 100 -> "out";
            case 300 -> "srcnat";
            default -> Integer.toString(priority);
            };
        }
        return switch (priority) {
        case -300 -> "raw";
        case -150 -> "mangle";
        case -100 -> hook == Hook.PREROUTING ? "dstnat" : "-100";
        case 0 -> "filter";
        case 50 -> "security";
        case 100 -> hook == Hook.POSTROUTING ? "srcnat" : "100";
        default -> Integer.toString(priority);
        };
    }
}
