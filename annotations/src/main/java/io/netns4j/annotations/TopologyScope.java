package io.netns4j.annotations;

/** How long one built topology lives. */
public enum TopologyScope {

    /** A fresh topology for every test method (the default): tests cannot disturb each other. */
    PER_METHOD,

    /**
     * One topology for all tests of the class, built before the first and torn down after the last; method-level
     * topology declarations are not allowed then.
     */
    PER_CLASS
}
