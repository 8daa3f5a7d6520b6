package com.diffusionlab;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Diffusion Lab web application: workspace UI, REST API and the in-process worker. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DiffusionLabApplication {

  public static void main(String[] args) {
    SpringApplication.run(DiffusionLabApplication.class, args);
  }
}
