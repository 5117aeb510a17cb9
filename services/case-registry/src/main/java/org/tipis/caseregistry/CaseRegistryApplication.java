package org.tipis.caseregistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CaseRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaseRegistryApplication.class, args);
    }
}
