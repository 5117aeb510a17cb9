package org.tipis.indicators;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IndicatorsApplication {

    public static void main(String[] args) {
        SpringApplication.run(IndicatorsApplication.class, args);
    }
}
