package io.stagedoor.media.amf0;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte for byte what the encoder sends, and what servers send back decoded. */
class Amf0EncodingTest {

    @Test
    void encodesTheConnectCommandByteForByte() {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("app", "live");
        properties.put("fpad", false);
        byte[] bytes = Amf0.encode("connect", 1, properties, null);
        byte[] expected = {
            0x02,
            0x00,
            0x07,
            'c',
            'o',
            'n',
            'n',
            'e',
            'c',
            't', // string "connect"
            0x00,
            0x3F,
            (byte) 0xF0,
            0,
            0,
            0,
            0,
            0,
            0, // number 1.0
            0x03, // object
            0x00,
            0x03,
            'a',
            'p',
            'p',
            0x02,
            0x00,
            0x04,
            'l',
            'i',
            'v',
            'e',
            0x00,
            0x04,
            'f',
            'p',
            'a',
            'd',
            0x01,
            0x00,
            0x00,
            0x00,
            0x09, // object end
            0x05 // null
        };
        assertThat(bytes).isEqualTo(expected);
    }

    @Test
    void decodesWhatServersSend() throws Exception {
        var info = new LinkedHashMap<String, Object>();
        info.put("level", "error");
        info.put("code", "NetStream.Publish.BadName");
        info.put("clients", 3.0);
        byte[] bytes = Amf0.encode("onStatus", 0, null, info, List.of(1.5, "x"));
        var values = Amf0.decodeAll(bytes);
        assertThat(values).hasSize(5);
        assertThat(values.get(0)).isEqualTo("onStatus");
        assertThat(values.get(1)).isEqualTo(0.0);
        assertThat(values.get(2)).isNull();
        assertThat(values.get(3)).isEqualTo(info);
        assertThat(values.get(4)).isEqualTo(List.of(1.5, "x"));
    }

    @Test
    void readsEcmaArraysAsInOnMetaData() throws Exception {
        byte[] ecma = {
            0x02,
            0x00,
            0x0A,
            'o',
            'n',
            'M',
            'e',
            't',
            'a',
            'D',
            'a',
            't',
            'a',
            0x08,
            0,
            0,
            0,
            1, // ECMA array, approximate count 1
            0x00,
            0x05,
            'w',
            'i',
            'd',
            't',
            'h',
            0x00,
            0x40,
            (byte) 0x9E,
            0,
            0,
            0,
            0,
            0,
            0, // 1920.0
            0x00,
            0x00,
            0x09
        };
        var values = Amf0.decodeAll(ecma);
        assertThat(values.get(0)).isEqualTo("onMetaData");
        assertThat(values.get(1)).isEqualTo(java.util.Map.of("width", 1920.0));
        assertThat(Arrays.toString(Amf0.encode(true))).isEqualTo("[1, 1]");
    }
}
