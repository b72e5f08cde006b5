package io.netns4j.internal.nftables;

import java.util.Objects;

/**
 * A verdict: {@code NF_ACCEPT}, {@code NF_DROP} or one of nf_tables' own ({@code enum nft_verdicts}); {@code jump} and
 * {@code goto} name a chain.
 *
 * @param code
 *            the verdict code as {@code NFTA_VERDICT_CODE} carries it
 * @param chain
 *            the target chain of a jump or goto; null otherwise
 */
public record Verdict(int code, String chain) {

    public static final Verdict ACCEPT = new Verdict(Nft.NF_ACCEPT, null);
    public static final Verdict DROP = new Verdict(Nft.NF_DROP, null);
    public static final Verdict CONTINUE = new Verdict(Nft.NFT_CONTINUE, null);
    public static final Verdict RETURN = new Verdict(Nft.NFT_RETURN, null);

    public Verdict {
        boolean needsChain = code == Nft.NFT_JUMP || code == Nft.NFT_GOTO;
        if (needsChain != (chain != null)) {
            throw new IllegalArgumentException(needsChain ? "A jump or goto verdict needs a target chain"
                    : "Only a jump or goto verdict names a chain, not verdict " + code);
        }
    }

    /** {@code jump CHAIN}. */
    public static Verdict jump(String chain) {
        return new Verdict(Nft.NFT_JUMP, Objects.requireNonNull(chain, "chain"));
    }

    /** {@code goto CHAIN}. */
    public static Verdict goTo(String chain) {
        return new Verdict(Nft.NFT_GOTO, Objects.requireNonNull(chain, "chain"));
    }

    /** The verdict in {@code nft} syntax: {@code accept}, {@code drop}, {@code jump other}... */
    public String render() {
        return switch (code) {
        case Nft.NF_ACCEPT -> "accept";
        case Nft.NF_DROP -> "drop";
        case Nft.NFT_CONTINUE -> "continue";
        case Nft.NFT_BREAK -> "break";
        case Nft.NFT_RETURN -> "return";
        case Nft.NFT_JUMP -> "jump " + chain;
        case Nft.NFT_GOTO -> "goto " + chain;
        default -> "verdict " + code;
        };
    }

    @Override
    public String toString() {
        return render();
    }
}
