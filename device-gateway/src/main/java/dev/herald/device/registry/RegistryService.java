package dev.herald.device.registry;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, changes and removes players; a key stays with the first user who claimed it
 * until they delete it.
 */
@Service
public class RegistryService {

	private static final Logger log = LoggerFactory.getLogger(RegistryService.class);

	/** Safe as one MQTT topic level: no '/', '+' or '#'. */
	private static final Pattern PLAYER_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final int MAX_USER_ID_LENGTH = 128;

	private final PlayerRepository players;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RegistryService(PlayerRepository players, ApplicationEventPublisher events, Clock clock) {
		this.players = players;
		this.events = events;
		this.clock = clock;
	}

	List<Player> list(String userId) {
		requireValidUser(userId);
		return this.players.findByUser(userId);
	}

	Player get(String userId, String playerKey) {
		requireValid(userId, playerKey);
		return this.players.findByKey(playerKey)
			.filter((player) -> player.userId().equals(userId))
			.orElseThrow(() -> new PlayerNotFoundException(playerKey));
	}

	@Transactional
	PlayerRepository.Saved put(String userId, String playerKey, PlayerRequest request) {
		requireValid(userId, playerKey);
		QuietHours quiet = request.quietHours();
		if (quiet != null && quiet.start().equals(quiet.end())) {
			throw new InvalidPlayerException("quietHours.end", "must differ from quietHours.start");
		}
		Player player = new Player(playerKey, userId, request.name().strip(), request.enabledOrDefault(), quiet,
				request.minIntervalOrDefault(), null, null);
		PlayerRepository.Saved saved = this.players.save(player, this.clock.instant())
			.orElseThrow(() -> new PlayerKeyTakenException(playerKey));
		log.info("Player {} of user {} {}", playerKey, userId, saved.created() ? "registered" : "updated");
		this.events.publishEvent(new PlayerRegistered(playerKey, userId));
		return saved;
	}

	@Transactional
	void delete(String userId, String playerKey) {
		requireValid(userId, playerKey);
		if (!this.players.delete(userId, playerKey)) {
			throw new PlayerNotFoundException(playerKey);
		}
		log.info("Player {} of user {} removed", playerKey, userId);
		this.events.publishEvent(new PlayerRemoved(playerKey));
	}

	/** Forgets every player of an erased user. */
	@Transactional
	public void eraseUser(String userId) {
		List<String> removed = this.players.deleteAllOf(userId);
		removed.forEach((playerKey) -> this.events.publishEvent(new PlayerRemoved(playerKey)));
		log.info("Erased user {}: {} players removed", userId, removed.size());
	}

	private static void requireValid(String userId, String playerKey) {
		requireValidUser(userId);
		if (!PLAYER_KEY.matcher(playerKey).matches()) {
			throw new InvalidPlayerException("playerKey", "must be 1 to 64 letters, digits, '-' or '_'");
		}
	}

	private static void requireValidUser(String userId) {
		if (userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH) {
			throw new InvalidPlayerException("userId", "must be 1 to " + MAX_USER_ID_LENGTH + " characters");
		}
	}

}
