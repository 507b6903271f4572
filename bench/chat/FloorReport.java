import java.io.FileWriter;
import java.io.IOException;
import java.util.Arrays;

/** What the floor programs share (HopFloor, ProxyFloor; source launcher, JDK 22+): percentiles and reporting a line. */
final class FloorReport {

    private FloorReport() {
    }

    /** The {@code percentile} of nanosecond samples, in ms (sorts them). */
    static double ms(long[] samples, int percentile) {
        Arrays.sort(samples);
        return samples[Math.min(samples.length - 1, samples.length * percentile / 100)] / 1e6;
    }

    /** Prints {@code line} and appends it, as a paragraph, to the summary named by OUT when there is one. */
    static void report(String line) throws IOException {
        System.out.println(line);
        String out = System.getenv("OUT");
        if (out != null) {
            try (FileWriter writer = new FileWriter(out, true)) {
                writer.write("\n" + line + "\n");
            }
        }
    }
}
