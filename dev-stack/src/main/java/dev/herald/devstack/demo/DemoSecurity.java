package dev.herald.devstack.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The demo page is a local dev tool: open, like the dev stack's other servers. */
@Configuration(proxyBeanMethods = false)
class DemoSecurity {

	@Bean
	SecurityFilterChain demoFilterChain(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			// the page shows the dev mailbox's e-mails in an iframe
			.headers((headers) -> headers.frameOptions((frames) -> frames.sameOrigin()))
			.build();
	}

}
