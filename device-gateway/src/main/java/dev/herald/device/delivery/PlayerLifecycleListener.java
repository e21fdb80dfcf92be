package dev.herald.device.delivery;

import dev.herald.device.preferences.UserErased;
import dev.herald.device.registry.PlayerRegistered;
import dev.herald.device.registry.PlayerRemoved;
import dev.herald.device.registry.PlayerRepository;
import dev.herald.device.registry.Player;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the retained unread topic in step with the registry: a new (or re-enabled) player
 * gets the current count at once, a removed one has its retained count cleared. Both are
 * best effort: the next change corrects the count anyway.
 */
@Component
class PlayerLifecycleListener {

	private final PlayerRepository players;

	private final UserStateRepository userStates;

	private final PlayerChannel channel;

	PlayerLifecycleListener(PlayerRepository players, UserStateRepository userStates, PlayerChannel channel) {
		this.players = players;
		this.userStates = userStates;
		this.channel = channel;
	}

	@TransactionalEventListener
	void on(PlayerRegistered event) {
		boolean enabled = this.players.findByKey(event.playerKey()).filter(Player::enabled).isPresent();
		if (enabled && this.userStates.known(event.userId())) {
			this.channel.trySendUnread(event.playerKey(), this.userStates.unreadCount(event.userId()));
		}
	}

	@TransactionalEventListener
	void on(PlayerRemoved event) {
		this.channel.tryClearUnread(event.playerKey());
	}

	@EventListener
	void on(UserErased event) {
		this.userStates.delete(event.userId());
	}

}
