package dev.herald.digest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EmailDigestApplication {

	public static void main(String[] args) {
		SpringApplication.run(EmailDigestApplication.class, args);
	}

}
