package dev.herald.device.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.herald.device.preferences.UserSettings;
import dev.herald.device.preferences.UserSettingsRepository;
import dev.herald.device.registry.Player;
import dev.herald.device.registry.PlayerRepository;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Channel;
import dev.herald.schema.NotificationChange;
import dev.herald.support.kafka.InvalidRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies notification changes to their users' enabled players: the changes of one poll
 * in order, in one transaction that includes the broker's acknowledgements. If the broker
 * does not acknowledge, nothing of the poll is recorded and its changes are applied again
 * when Kafka redelivers them.
 */
@Service
class DeliveryService {

	private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

	private final UserStateRepository userStates;

	private final PlayerRepository players;

	private final UserSettingsRepository settings;

	private final PendingRepository pending;

	private final Pacer pacer;

	private final PlayerChannel channel;

	private final DeviceMessages messages;

	private final DeliveryMetrics metrics;

	private final Clock clock;

	DeliveryService(UserStateRepository userStates, PlayerRepository players, UserSettingsRepository settings,
			PendingRepository pending, Pacer pacer, PlayerChannel channel, DeviceMessages messages,
			DeliveryMetrics metrics, Clock clock) {
		this.userStates = userStates;
		this.players = players;
		this.settings = settings;
		this.pending = pending;
		this.pacer = pacer;
		this.channel = channel;
		this.messages = messages;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Applies the changes in their order, all in one transaction. A change whose seq is
	 * not later than its user's last applied one (a replay) is skipped. The users' seqs
	 * are read, locked and advanced with one statement each for the whole poll, and the
	 * enabled players of its users are read with one.
	 * @param changes the changes of one poll (or one of them, when a poll is applied
	 * record by record)
	 */
	@Transactional
	public void apply(List<NotificationChange> changes) {
		changes.forEach(DeliveryService::validate);
		Map<String, Long> applied = this.userStates
			.lockSeqs(changes.stream().map(NotificationChange::getUserId).distinct().toList());
		List<NotificationChange> fresh = new ArrayList<>();
		Map<String, UserStateRepository.UserState> last = new HashMap<>();
		for (NotificationChange change : changes) {
			Long seq = applied.get(change.getUserId());
			if (seq != null && seq >= change.getSeq()) {
				log.debug("Change {} of user {} was applied before", change.getSeq(), change.getUserId());
				continue;
			}
			applied.put(change.getUserId(), change.getSeq());
			last.put(change.getUserId(), new UserStateRepository.UserState(change.getSeq(), change.getUnreadCount()));
			fresh.add(change);
		}
		if (fresh.isEmpty()) {
			return;
		}
		Set<String> advanced = this.userStates.advanceAll(last);
		Map<String, List<Player>> players = advanced.isEmpty() ? Map.of() : this.players.findEnabledByUsers(advanced);
		for (NotificationChange change : fresh) {
			if (advanced.contains(change.getUserId())) {
				deliver(change, players.getOrDefault(change.getUserId(), List.of()));
			}
			else {
				// another consumer (a rebalance) recorded this seq or a later one
				// meanwhile
				log.debug("Change {} of user {} was applied before", change.getSeq(), change.getUserId());
			}
		}
	}

	private void deliver(NotificationChange change, List<Player> enabled) {
		String userId = change.getUserId();
		forgetWaiting(change);
		if (enabled.isEmpty()) {
			return;
		}
		UserSettings owner = this.settings.find(userId);
		Optional<DeviceMessage> message = forPlayers(change, owner);
		for (Player player : enabled) {
			message.ifPresent((m) -> offer(player, owner, m, change.getOccurredAt()));
			this.channel.sendUnread(player.playerKey(), change.getUnreadCount());
		}
	}

	private void offer(Player player, UserSettings owner, DeviceMessage message, Instant occurredAt) {
		Instant now = this.clock.instant();
		if (this.pacer.offer(player, owner, message, now)) {
			this.metrics.latency(Duration.between(occurredAt, now));
		}
	}

	private Optional<DeviceMessage> forPlayers(NotificationChange change, UserSettings owner) {
		boolean shown = (change.getKind() == ChangeKind.CREATED || change.getKind() == ChangeKind.UPDATED)
				&& change.getChannels().contains(Channel.DEVICE) && !change.getNotification().getRead();
		return shown
				? Optional
					.of(this.messages.notification(change.getNotification(), change.getUnreadCount(), owner.locale()))
				: Optional.empty();
	}

	/** What the user read or deleted elsewhere need not light the player any more. */
	private void forgetWaiting(NotificationChange change) {
		switch (change.getKind()) {
			case READ, DELETED -> this.pending.forget(change.getUserId(), change.getNotificationIds());
			case ALL_READ -> this.pending.forgetAll(change.getUserId());
			default -> {
			}
		}
	}

	/**
	 * Rejects a change that can never be applied.
	 * @throws InvalidRecordException if it is invalid
	 */
	static void validate(NotificationChange change) {
		boolean needsNotification = change.getKind() == ChangeKind.CREATED || change.getKind() == ChangeKind.UPDATED;
		if (needsNotification && change.getNotification() == null) {
			throw new InvalidRecordException(change.getKind() + " change " + change.getSeq() + " of user "
					+ change.getUserId() + " has no notification");
		}
		if (change.getUnreadCount() < 0) {
			throw new InvalidRecordException("unreadCount " + change.getUnreadCount() + " is negative");
		}
	}

}
