#!/bin/sh
# Records the nf_tables fixtures of io.netns4j.internal.nftables's tests (see ../README.md).
# Every command runs in a fresh network namespace of its own (unshare -n) that vanishes with it: the host's ruleset
# and devices are not touched. Needs root, strace, nft (nftables 1.0.6), iproute2 and python3.
# OUT=.. rewrites the fixtures in place; the default writes to ./out.
set -eu
cd "$(dirname "$0")"
OUT=${OUT:-out}
mkdir -p "$OUT"
VETH='ip link add eth0 type veth peer name eth1'
# NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_*: GETTABLE=0x0a01 GETCHAIN=0x0a04 GETRULE=0x0a07
N() { name=$1; shift; python3 strace2nft.py "$@" --write "$OUT/$name.txt"; }

# --debug=netlink: nft prints each rule's expressions as libnftnl decodes them; the tests check their decoder with it.
N partition-drop 'nft --debug=netlink -f partition-drop.nft' --stdout --pick batch
N partition-counter-drop 'nft --debug=netlink -f partition-counter-drop.nft' --stdout --pick batch
N partition-reject 'nft --debug=netlink -f partition-reject.nft' --stdout --pick batch
N partition-reject-answers 'nft --debug=netlink -f partition-reject-answers.nft' --stdout --pick batch
N loss 'nft --debug=netlink -f loss.nft' --stdout --pick batch --setup "$VETH"
N ruleset 'nft --debug=netlink -f ruleset.nft' --stdout --pick batch --setup "$VETH"
N table-remove 'nft -f table-remove.nft' --pick batch
N table-delete 'nft delete table inet netns4j' --pick batch --setup 'nft add table inet netns4j'
N error-delete-absent-table 'nft delete table inet netns4j' --pick batch \
  '--note=The namespace has no table: the kernel answers ENOENT to the DELTABLE message, though nft did not ask for ACKs.'
LISTED="$VETH
nft -f partition-reject.nft
nft -f loss.nft"
N list-tables 'nft list tables' --stdout --pick req=0x0a01 --setup "$LISTED"
N list-table-inet-chains 'nft list table inet netns4j' --stdout --pick req=0x0a04 --setup "$LISTED" \
  '--note=nft dumps the chains of every family and keeps those of the table it lists.'
N list-table-inet-rules 'nft list table inet netns4j' --stdout --pick req=0x0a07 --setup "$LISTED"
N list-table-netdev-chains 'nft list table netdev netns4j' --stdout --pick req=0x0a04 --setup "$LISTED"
N list-table-netdev-rules 'nft list table netdev netns4j' --stdout --pick req=0x0a07 --setup "$LISTED"
ANSWERS='nft -f partition-reject-answers.nft'
N list-table-inet-answers-chains 'nft list table inet netns4j' --stdout --pick req=0x0a04 --setup "$ANSWERS"
N list-table-inet-answers-rules 'nft list table inet netns4j' --stdout --pick req=0x0a07 --setup "$ANSWERS"

R() { name=$1; shift; python3 resend-acked.py "$OUT/$name.txt" "$@"; }
R acked-ruleset "$OUT/ruleset.txt" --setup "$VETH" \
  '--note=Every message is acknowledged, in order, once the whole batch has been committed.'
R acked-error-delete-absent-table "$OUT/error-delete-absent-table.txt" \
  '--note=The namespace has no table: the one message is refused with ENOENT.'
R acked-error-first-of-many "$OUT/error-delete-absent-table.txt" "$OUT/partition-drop.txt" \
  '--note=The namespace has no table: the first message (DELTABLE) is refused with ENOENT, the kernel goes on with the rest of the batch (acknowledging each) and then aborts the whole batch.'
