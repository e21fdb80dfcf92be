package dev.herald.webpush;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(WebPushProperties.class)
public class WebPushApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebPushApplication.class, args);
	}

}
