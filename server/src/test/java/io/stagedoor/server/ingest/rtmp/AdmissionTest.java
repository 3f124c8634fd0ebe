package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.rtmp.RtmpLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Who makes room for whom, counted without sockets: the connections here never run. */
class AdmissionTest {

    private static RtmpConnection from(String addressGroup, Admission admission) {
        return new RtmpConnection(
                InputStream.nullInputStream(),
                OutputStream.nullOutputStream(),
                () -> {},
                addressGroup + ":1935",
                addressGroup,
                RtmpLimits.DEFAULTS,
                new RecordingPublisher(),
                admission);
    }

    @Test
    void aNewcomerAtItsAddressesCapEvictsTheOldestOfThatAddressNotTheOldestOfAll() {
        var admission = new Admission(10, 10, 2, 1L << 30);
        var b1 = from("198.51.100.2", admission);
        var a1 = from("198.51.100.1", admission);
        var a2 = from("198.51.100.1", admission);
        var a3 = from("198.51.100.1", admission);
        var a4 = from("198.51.100.1", admission);

        assertThat(admission.arrived(b1)).isEmpty();
        assertThat(admission.arrived(a1)).isEmpty();
        assertThat(admission.arrived(a2)).isEmpty();
        var first = admission.arrived(a3);
        var second = admission.arrived(a4);

        assertThat(first).extracting(Admission.Eviction::connection).containsExactly(a1);
        assertThat(first.getFirst().why()).contains("198.51.100.1").contains("ingest.max-pending-per-address");
        assertThat(second).extracting(Admission.Eviction::connection).containsExactly(a2);
        assertThat(admission.pending()).isEqualTo(3);
        assertThat(admission.evictions()).isEqualTo(2);
    }

    @Test
    void aNewcomerAtTheTotalCapEvictsTheOldestOfAll() {
        var admission = new Admission(10, 3, 10, 1L << 30);
        var a = from("198.51.100.1", admission);
        var b = from("198.51.100.2", admission);
        var c = from("198.51.100.3", admission);
        var d = from("198.51.100.4", admission);
        var e = from("198.51.100.1", admission);

        admission.arrived(a);
        admission.arrived(b);
        admission.arrived(c);
        var forD = admission.arrived(d);
        var forE = admission.arrived(e);

        assertThat(forD).extracting(Admission.Eviction::connection).containsExactly(a);
        assertThat(forD.getFirst().why()).contains("ingest.max-pending-connections");
        assertThat(forE).extracting(Admission.Eviction::connection).containsExactly(b);
        assertThat(admission.pending()).isEqualTo(3);
    }

    @Test
    void anEvictionForTheAddressAlsoMakesRoomInTheTotal() {
        var admission = new Admission(10, 3, 2, 1L << 30);
        var a1 = from("198.51.100.1", admission);
        var b1 = from("198.51.100.2", admission);
        var a2 = from("198.51.100.1", admission);
        var a3 = from("198.51.100.1", admission);
        var c1 = from("198.51.100.3", admission);

        admission.arrived(a1);
        admission.arrived(b1);
        admission.arrived(a2);

        assertThat(admission.arrived(a3))
                .extracting(Admission.Eviction::connection)
                .containsExactly(a1);
        assertThat(admission.arrived(c1))
                .extracting(Admission.Eviction::connection)
                .containsExactly(b1);
    }

    @Test
    void publishersAreCountedAgainstTheirCapAndStrangersAreNot() {
        var admission = new Admission(2, 4, 4, 1L << 30);
        var strangers = new java.util.ArrayList<RtmpConnection>();
        for (int i = 0; i < 4; i++) {
            var stranger = from("198.51.100." + i, admission);
            admission.arrived(stranger);
            strangers.add(stranger);
        }
        var p1 = strangers.get(0);
        var p2 = strangers.get(1);
        var p3 = strangers.get(2);

        assertThat(admission.publisherSeatFree())
                .as("four strangers take no seat")
                .isTrue();
        assertThat(admission.seatPublisher(p1)).isTrue();
        assertThat(admission.seatPublisher(p2)).isTrue();
        assertThat(admission.publisherSeatFree()).isFalse();
        assertThat(admission.seatPublisher(p3)).isFalse();
        assertThat(admission.publishers()).isEqualTo(2);
        assertThat(admission.pending()).as("a publisher is no stranger").isEqualTo(2);

        var newcomers = new java.util.ArrayList<Admission.Eviction>();
        for (int i = 0; i < 4; i++) {
            newcomers.addAll(admission.arrived(from("203.0.113." + i, admission)));
        }
        assertThat(newcomers)
                .extracting(Admission.Eviction::connection)
                .as("publishers are never evicted")
                .doesNotContain(p1, p2)
                .contains(p3);

        admission.left(p1);
        assertThat(admission.publishers()).isEqualTo(1);
        assertThat(admission.seatPublisher(p3)).isTrue();
    }

    @Test
    void aConnectionThatLeftIsForgottenWhereverItWas() {
        var admission = new Admission(1, 2, 2, 1L << 30);
        var a = from("198.51.100.1", admission);
        var b = from("198.51.100.1", admission);
        admission.arrived(a);
        admission.arrived(b);

        admission.left(a);
        admission.left(a);

        assertThat(admission.pending()).isEqualTo(1);
        assertThat(admission.arrived(from("198.51.100.1", admission))).isEmpty();
    }

    @Test
    void limitsPerAddressApplyToAnIpv4AddressAndToAnIpv6Slash64() throws Exception {
        assertThat(Admission.addressGroup(InetAddress.getByName("203.0.113.7"))).isEqualTo("203.0.113.7");
        var one = Admission.addressGroup(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        var sameNetwork = Admission.addressGroup(InetAddress.getByName("2001:db8:1:2::1"));
        var otherNetwork = Admission.addressGroup(InetAddress.getByName("2001:db8:1:3::1"));

        assertThat(one).isEqualTo("2001:db8:1:2::/64").isEqualTo(sameNetwork).isNotEqualTo(otherNetwork);
        assertThat(Admission.addressGroup(InetAddress.getByName("::ffff:203.0.113.7")))
                .as("an IPv4 address written as IPv6")
                .isEqualTo("203.0.113.7");
    }
}
