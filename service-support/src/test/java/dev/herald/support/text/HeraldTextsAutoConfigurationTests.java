package dev.herald.support.text;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class HeraldTextsAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeraldTextsAutoConfiguration.class));

	@Test
	void preloadsTheTextsWhileAServiceStartsUnlessSwitchedOff() {
		this.contexts.run((context) -> assertThat(context).hasBean("heraldTextsPreload")
			.getBean("heraldTextsPreload")
			.isInstanceOf(SmartInitializingSingleton.class));
		this.contexts.withPropertyValues("herald.texts.preload=false")
			.run((context) -> assertThat(context).doesNotHaveBean("heraldTextsPreload"));
	}

}
