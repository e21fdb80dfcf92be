package dev.herald.device;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(DeviceProperties.class)
public class DeviceGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(DeviceGatewayApplication.class, args);
	}

}
