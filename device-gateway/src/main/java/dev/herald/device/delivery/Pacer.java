package dev.herald.device.delivery;

import java.time.Instant;
import java.util.List;

import dev.herald.device.preferences.UserSettings;
import dev.herald.device.preferences.UserSettingsRepository;
import dev.herald.device.registry.Player;
import dev.herald.device.registry.PlayerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Decides, per player, whether a message goes out now or waits: at most one message per
 * {@code minIntervalSeconds}, nothing during quiet hours. What waits is released later as
 * one message (the notification itself when only one waits, else a summary). Critical
 * notifications bypass both. Callers hold a transaction.
 */
@Component
class Pacer {

	private static final Logger log = LoggerFactory.getLogger(Pacer.class);

	private final PacingRepository pacing;

	private final PendingRepository pending;

	private final PlayerRepository players;

	private final UserSettingsRepository settings;

	private final UserStateRepository userStates;

	private final PlayerChannel channel;

	private final DeviceMessages messages;

	private final DeliveryMetrics metrics;

	Pacer(PacingRepository pacing, PendingRepository pending, PlayerRepository players, UserSettingsRepository settings,
			UserStateRepository userStates, PlayerChannel channel, DeviceMessages messages, DeliveryMetrics metrics) {
		this.pacing = pacing;
		this.pending = pending;
		this.players = players;
		this.settings = settings;
		this.userStates = userStates;
		this.channel = channel;
		this.messages = messages;
		this.metrics = metrics;
	}

	/**
	 * Sends the message now or lets it wait.
	 * @return whether it was sent now
	 */
	boolean offer(Player player, UserSettings owner, DeviceMessage message, Instant now) {
		PacingState state = this.pacing.lock(player.playerKey());
		QuietWindow quiet = QuietWindow.of(player, owner);
		boolean held = quiet.contains(now);
		boolean mayGoNow = !held && state.intervalOver(now, player.minIntervalSeconds())
				&& !this.pending.any(player.playerKey());
		if (message.critical() || mayGoNow) {
			this.channel.send(player.playerKey(), message);
			this.pacing.sentAt(player.playerKey(), now);
			return true;
		}
		this.pending.add(player.playerKey(), message.id(), this.channel.toJson(message), held, now);
		this.pacing.defer(player.playerKey(), releaseAt(state, player, quiet, now));
		if (held) {
			this.metrics.held();
		}
		else {
			this.metrics.folded();
		}
		return false;
	}

	/**
	 * Sends what waits for the player if it is due; no-op when another instance has it.
	 */
	void release(String playerKey, Instant now) {
		this.pacing.tryLock(playerKey)
			.ifPresent((state) -> this.players.findByKey(playerKey).ifPresent((player) -> release(state, player, now)));
	}

	private void release(PacingState state, Player player, Instant now) {
		UserSettings owner = this.settings.find(player.userId());
		QuietWindow quiet = QuietWindow.of(player, owner);
		List<PendingRepository.Pending> waiting = this.pending.list(player.playerKey());
		if (waiting.isEmpty() || !player.enabled()) {
			this.pending.clear(player.playerKey());
			this.pacing.clearRelease(player.playerKey());
		}
		else if (quiet.contains(now) || !state.intervalOver(now, player.minIntervalSeconds())) {
			this.pacing.postpone(player.playerKey(), releaseAt(state, player, quiet, now));
		}
		else {
			this.channel.send(player.playerKey(), combined(state, owner, waiting));
			this.pending.clear(player.playerKey());
			this.pacing.markSent(player.playerKey(), now);
			log.debug("Released {} waiting messages to player {}", waiting.size(), player.playerKey());
		}
	}

	private DeviceMessage combined(PacingState state, UserSettings owner, List<PendingRepository.Pending> waiting) {
		int unread = this.userStates.unreadCount(owner.userId());
		if (waiting.size() == 1) {
			return this.channel.fromJson(waiting.get(0).message()).withUnreadCount(unread);
		}
		boolean held = waiting.stream().anyMatch(PendingRepository.Pending::held);
		return this.messages.summary(state.summaryId(), waiting.size(), held, unread, owner.locale());
	}

	private static Instant releaseAt(PacingState state, Player player, QuietWindow quiet, Instant now) {
		Instant due = state.intervalEnd(player.minIntervalSeconds());
		due = due.isAfter(now) ? due : now;
		if (quiet.contains(due)) {
			due = quiet.endAfter(due);
		}
		return due;
	}

}
