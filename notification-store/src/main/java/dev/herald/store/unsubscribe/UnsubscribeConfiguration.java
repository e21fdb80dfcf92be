package dev.herald.store.unsubscribe;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/** The unsubscribe page's language choice, the only page the store renders. */
@Configuration(proxyBeanMethods = false)
class UnsubscribeConfiguration {

	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	LocaleResolver localeResolver() {
		return new PageLocaleResolver();
	}

}
