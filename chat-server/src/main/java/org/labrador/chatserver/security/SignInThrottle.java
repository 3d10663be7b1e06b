package org.labrador.chatserver.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slows down guessing: after a number of free failures, each further failed password (per account and
 * per address) or failed API token (per address) blocks that key for twice as long as the last time, up
 * to a ceiling. While a key is blocked, sign-ins for it are refused without looking at the password, so
 * the right password found by a guess is refused too. Failures are forgotten an hour after the last one.
 * Unknown accounts are counted like known ones, so the answers tell nothing about which accounts exist.
 */
public final class SignInThrottle {

    /**
     * {@code labrador.sign-in.*}.
     *
     * @param freeFailuresPerAccount failed passwords for one account before it is slowed down
     * @param freeFailuresPerAddress failed passwords or tokens from one address before it is slowed down
     *                               (higher: many people may share an address)
     * @param firstBlock             the first block; each further failure doubles it
     * @param maxBlock               the longest block
     */
    @ConfigurationProperties("labrador.sign-in")
    public record Policy(@DefaultValue("5") int freeFailuresPerAccount,
                         @DefaultValue("20") int freeFailuresPerAddress,
                         @DefaultValue("1s") Duration firstBlock,
                         @DefaultValue("15m") Duration maxBlock) {
    }

    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** Keys kept at most; past that, forgotten and unblocked ones are dropped first. */
    private static final int MAX_KEYS = 100_000;

    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    private final Policy policy;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public static String account(String username) {
        return "account:" + (username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public static String address(String remoteAddress) {
        return "address:" + remoteAddress;
    }

    /** How long the most blocked of these keys stays blocked; empty when none is. */
    public Optional<Duration> blocked(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Failures f = failures.get(key);
            if (f != null && f.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.blockedUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Counts a failure for an account key ({@link #account}). */
    public void accountFailed(String key) {
        failed(key, policy.freeFailuresPerAccount());
    }

    /** Counts a failure for an address key ({@link #address}). */
    public void addressFailed(String key) {
        failed(key, policy.freeFailuresPerAddress());
    }

    /** A right password: the account's count starts again (an address's does not: it may guess other accounts). */
    public void succeeded(String key) {
        failures.remove(key);
    }

    private void failed(String key, int free) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> !f.blockedUntil().isAfter(now) && f.last().plus(FORGET_AFTER).isBefore(now));
        }
        failures.compute(key, (k, old) -> {
            int count = old == null || old.last().plus(FORGET_AFTER).isBefore(now) ? 1 : old.count() + 1;
            Instant until = now;
            if (count > free) {
                int doublings = Math.min(count - free - 1, 30);
                Duration block = policy.firstBlock().multipliedBy(1L << doublings);
                until = now.plus(block.compareTo(policy.maxBlock()) > 0 ? policy.maxBlock() : block);
            }
            return new Failures(count, now, until);
        });
    }
}
