package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

/**
 * A body without a declared length (chunked transfer) is cut off once it passes the size limit: 413 while the
 * client is still sending, nothing written, the spooled part removed. The limit is lowered to 1 MB here so that
 * the test sends a few MB, not the default 512 MB.
 */
@TestPropertySource(properties = {"tipis.upload.max-size=1MB", "tipis.upload.spool-dir=" + UploadSizeLimitIT.SPOOL})
class UploadSizeLimitIT extends RegistryTestBase {

    static final String SPOOL = "target/upload-size-limit-spool";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutWaitingForItsEnd() throws IOException {
        long victims = count("victim");
        long uploads = count("upload");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + TestIssuer.get().token(TestUser.OFFICER_ARG)
                    + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write("14\r\ncase_ref,victim_ref\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // 2 MB in 64 KB chunks, then no last chunk: the answer must come before the body ends
            for (int i = 0; i < 32; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            assertThat(UploadCorpusIT.answerUntil(socket.getInputStream(), "payload-too-large")).startsWith("HTTP/1.1 413")
                    .contains("application/problem+json").contains("payload-too-large");
        }
        assertThat(count("victim")).isEqualTo(victims);
        assertThat(count("upload")).as("no upload is recorded for a refused body").isEqualTo(uploads);
        try (Stream<Path> left = Files.list(Path.of(SPOOL))) {
            assertThat(left).as("the spooled part is removed").isEmpty();
        }
        assertThat(get("/api/v1/me", TestUser.OFFICER_ARG).statusCode()).isEqualTo(200);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
