package dev.herald.push;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableConfigurationProperties(PushProperties.class)
@EnableScheduling
public class PushGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(PushGatewayApplication.class, args);
	}

}
