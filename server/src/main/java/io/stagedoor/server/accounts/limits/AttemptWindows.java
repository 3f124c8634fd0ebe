package io.stagedoor.server.accounts.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attempts per key (an address, an account, both) within a sliding window, in bounded memory: each key keeps
 * {@value #SLOTS} counters, one per tenth of the window, whatever its limit, and at most {@code maxKeys} keys are
 * kept, the least recently used forgotten first. An attempt leaves the window between nine and ten tenths of it after
 * it was counted. Not thread-safe: its owner holds one lock around every call.
 */
final class AttemptWindows {

    static final int SLOTS = 10;

    private final long slotMillis;
    private final Map<String, Counts> keys;

    AttemptWindows(Duration window, int maxKeys) {
        this.slotMillis = Math.max(1, window.toMillis() / SLOTS);
        this.keys = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counts> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Where an attempt was counted, to take it back. */
    record Mark(String key, long slot) {}

    long slot(Instant now) {
        return now.toEpochMilli() / slotMillis;
    }

    /** The attempts of {@code key} within the window. */
    int count(String key, long slot) {
        var counts = keys.get(key);
        return counts == null ? 0 : counts.total(slot);
    }

    Mark add(String key, long slot) {
        keys.computeIfAbsent(key, k -> new Counts()).add(slot);
        return new Mark(key, slot);
    }

    /** Takes back an attempt that did not count after all; forgets the key when nothing is left of it. */
    void remove(Mark mark, long now) {
        var counts = keys.get(mark.key());
        if (counts != null && counts.remove(mark.slot()) && counts.total(now) == 0) {
            keys.remove(mark.key());
        }
    }

    void clear(String key) {
        keys.remove(key);
    }

    /** How long until {@code key} has fewer than {@code limit} attempts in the window, counted from {@code now}. */
    Duration retryAfter(String key, int limit, Instant now) {
        var counts = keys.get(key);
        if (counts == null) {
            return Duration.ZERO;
        }
        long freeFromSlot = counts.slotWhereCountDropsBelow(limit, slot(now));
        return Duration.ofMillis(Math.max(0, freeFromSlot * slotMillis - now.toEpochMilli()));
    }

    int size() {
        return keys.size();
    }

    /** One counter per slot of the window, in a ring; a counter whose slot has left the window counts nothing. */
    private static final class Counts {
        private final long[] slots = new long[SLOTS];
        private final int[] counts = new int[SLOTS];

        Counts() {
            Arrays.fill(slots, Long.MIN_VALUE);
        }

        void add(long slot) {
            int i = (int) Math.floorMod(slot, SLOTS);
            if (slots[i] != slot) {
                slots[i] = slot;
                counts[i] = 0;
            }
            counts[i]++;
        }

        boolean remove(long slot) {
            int i = (int) Math.floorMod(slot, SLOTS);
            if (slots[i] == slot && counts[i] > 0) {
                counts[i]--;
                return true;
            }
            return false;
        }

        int total(long now) {
            int total = 0;
            for (int i = 0; i < SLOTS; i++) {
                if (live(slots[i], now)) {
                    total += counts[i];
                }
            }
            return total;
        }

        /** The first slot in which the attempts still in the window number fewer than {@code limit}. */
        long slotWhereCountDropsBelow(int limit, long now) {
            int left = total(now);
            if (left < limit) {
                return now;
            }
            for (long s = now - SLOTS + 1; s <= now; s++) {
                int i = (int) Math.floorMod(s, SLOTS);
                if (slots[i] == s) {
                    left -= counts[i];
                }
                if (left < limit) {
                    return s + SLOTS;
                }
            }
            return now + SLOTS;
        }

        private static boolean live(long slot, long now) {
            return slot > now - SLOTS && slot <= now;
        }
    }
}
