package org.tipis.caseregistry.upload;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

    @Bean
    UploadInstance uploadInstance(@Value("${tipis.upload.instance:}") String name,
                                  @Value("${server.port:8080}") int port,
                                  @Value("${tipis.upload.spool-dir:${java.io.tmpdir}/tipis-uploads}") String spool)
            throws IOException {
        return UploadInstance.open(name, port, Path.of(spool));
    }

    /**
     * Multipart parts are written by the servlet container into the instance's own spool directory (instead of
     * {@code spring.servlet.multipart.location}), so that what a crash leaves of them is deleted at the next start
     * like the spooled uploads, and never by another instance.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, UploadInstance instance) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setLocation(instance.spool().toString());
        factory.setMaxFileSize(multipart.getMaxFileSize());
        factory.setMaxRequestSize(multipart.getMaxRequestSize());
        factory.setFileSizeThreshold(multipart.getFileSizeThreshold());
        return factory.createMultipartConfig();
    }
}
