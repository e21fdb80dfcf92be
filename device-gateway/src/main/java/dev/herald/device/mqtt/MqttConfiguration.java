package dev.herald.device.mqtt;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one broker connection of this instance. It starts connecting at startup without
 * waiting: the service starts while the broker is down and connects when it appears.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MqttProperties.class)
class MqttConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MqttConfiguration.class);

	@Bean(destroyMethod = "close")
	BrokerConnection brokerConnection(MqttProperties properties, ObjectProvider<SslBundles> sslBundles) {
		BrokerConnection connection = BrokerConnections.create(properties, sslConfig(properties, sslBundles));
		connection.connect().whenComplete((connected, ex) -> {
			if (ex != null) {
				log.warn("MQTT broker at {} not reachable yet ({}); reconnecting in the background", properties.uri(),
						ex.toString());
			}
		});
		return connection;
	}

	private static MqttClientSslConfig sslConfig(MqttProperties properties, ObjectProvider<SslBundles> sslBundles) {
		if (!properties.tls()) {
			return null;
		}
		if (properties.sslBundle() == null || properties.sslBundle().isBlank()) {
			return MqttClientSslConfig.builder().build();
		}
		SslBundle bundle = sslBundles.getObject().getBundle(properties.sslBundle());
		return MqttClientSslConfig.builder()
			.trustManagerFactory(bundle.getManagers().getTrustManagerFactory())
			.keyManagerFactory(bundle.getManagers().getKeyManagerFactory())
			.build();
	}

}
