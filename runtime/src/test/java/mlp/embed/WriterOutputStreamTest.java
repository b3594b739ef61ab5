package mlp.embed;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The progress bar's PrintStream writing into a host's Writer. */
class WriterOutputStreamTest {
    @Test
    void charactersSplitAcrossWritesArriveWhole() throws Exception {
        StringWriter out = new StringWriter();
        WriterOutputStream stream = new WriterOutputStream(out);
        byte[] bar = " 45%|████▌     | 450/1000 loss=0.0213\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bar) stream.write(b); // one byte at a time: the 3-byte blocks arrive in pieces
        stream.flush();
        assertEquals(" 45%|████▌     | 450/1000 loss=0.0213\n", out.toString());
    }

    @Test
    void longTextThroughAPrintStream() {
        StringWriter out = new StringWriter();
        String text = "█▏".repeat(3000) + "é\n";
        try (PrintStream ps = new PrintStream(new WriterOutputStream(out), true, StandardCharsets.UTF_8)) {
            ps.print(text);
        }
        assertEquals(text, out.toString());
    }
}
