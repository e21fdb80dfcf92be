package dev.herald.store.preferences;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.herald.schema.DigestFrequency;
import dev.herald.schema.NotificationType;
import dev.herald.store.preferences.Preferences.Channels;
import dev.herald.store.preferences.PreferencesRepository.Subscription;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes a user's preferences: each change takes the user's lock, writes the row and
 * queues the new state (or a tombstone) for {@code user-preferences.v1} in one
 * transaction.
 */
@Service
public class PreferencesService {

	private final PreferencesRepository repository;

	private final PreferencesOutbox outbox;

	PreferencesService(PreferencesRepository repository, PreferencesOutbox outbox) {
		this.repository = repository;
		this.outbox = outbox;
	}

	public Preferences get(String userId) {
		return this.repository.find(userId);
	}

	/**
	 * Replaces the whole preferences. A pending undo of an unsubscribe survives only
	 * while digests stay off.
	 */
	@Transactional
	public Preferences replace(Preferences preferences) {
		String userId = preferences.userId();
		this.repository.lock(userId);
		DigestFrequency unsubscribedFrom = (preferences.digest().frequency() == DigestFrequency.OFF)
				? unsubscribedFrom(userId) : null;
		return save(preferences, unsubscribedFrom);
	}

	/** Changes the given channel switches of one type; null keeps a switch as it is. */
	@Transactional
	public Preferences changeType(String userId, NotificationType type, Boolean inApp, Boolean device, Boolean email,
			Boolean webPush) {
		this.repository.lock(userId);
		Preferences current = this.repository.find(userId);
		Channels was = current.channelsOf(type);
		Map<NotificationType, Channels> types = new EnumMap<>(NotificationType.class);
		types.putAll(current.types());
		types.put(type, new Channels((inApp != null) ? inApp : was.inApp(), (device != null) ? device : was.device(),
				(email != null) ? email : was.email(), (webPush != null) ? webPush : was.webPush()));
		return save(current.withTypes(types), unsubscribedFrom(userId));
	}

	/**
	 * Erases the user's preferences and queues the tombstone, inside the caller's
	 * transaction (the pipeline's, for {@code USER_DELETED}).
	 */
	@Transactional
	public void erase(String userId) {
		this.repository.lock(userId);
		this.repository.delete(userId);
		this.outbox.erased(userId);
	}

	/**
	 * The e-mail state an unsubscribe token issued at {@code issuedAt} may act on; empty
	 * when the token predates the user's preferences row (an earlier account with this
	 * id). A user without a row has the defaults: digests off, nothing to undo.
	 */
	@Transactional(readOnly = true)
	public Optional<EmailSubscription> emailSubscription(String userId, Instant issuedAt) {
		Optional<Subscription> subscription = this.repository.subscription(userId);
		if (subscription.isEmpty()) {
			return Optional.of(new EmailSubscription(DigestFrequency.OFF, null, null));
		}
		// Tokens carry whole seconds.
		if (issuedAt.isBefore(subscription.get().createdAt().truncatedTo(ChronoUnit.SECONDS))) {
			return Optional.empty();
		}
		Preferences preferences = this.repository.find(userId);
		return Optional.of(new EmailSubscription(preferences.digest().frequency(),
				subscription.get().unsubscribedFrom(), preferences.locale()));
	}

	/** Turns e-mail digests off, remembering the frequency for undo. */
	@Transactional
	public Optional<EmailSubscription> unsubscribeEmail(String userId, Instant issuedAt) {
		this.repository.lock(userId);
		Optional<EmailSubscription> state = emailSubscription(userId, issuedAt);
		if (state.isEmpty() || state.get().frequency() == DigestFrequency.OFF) {
			return state;
		}
		DigestFrequency was = state.get().frequency();
		setFrequency(userId, DigestFrequency.OFF, was);
		return Optional.of(new EmailSubscription(DigestFrequency.OFF, was, state.get().locale()));
	}

	/** Restores the frequency a one-click unsubscribe turned off, if it still applies. */
	@Transactional
	public Optional<EmailSubscription> undoUnsubscribe(String userId, Instant issuedAt) {
		this.repository.lock(userId);
		Optional<EmailSubscription> state = emailSubscription(userId, issuedAt);
		if (state.isEmpty() || !state.get().canUndo()) {
			return state;
		}
		DigestFrequency restored = state.get().unsubscribedFrom();
		setFrequency(userId, restored, null);
		return Optional.of(new EmailSubscription(restored, null, state.get().locale()));
	}

	private void setFrequency(String userId, DigestFrequency frequency, DigestFrequency unsubscribedFrom) {
		Preferences current = this.repository.find(userId);
		save(current.withDigest(current.digest().withFrequency(frequency)), unsubscribedFrom);
	}

	private Preferences save(Preferences preferences, DigestFrequency unsubscribedFrom) {
		Preferences saved = this.repository.save(preferences, unsubscribedFrom);
		this.outbox.changed(saved);
		return saved;
	}

	private DigestFrequency unsubscribedFrom(String userId) {
		return this.repository.subscription(userId).map(Subscription::unsubscribedFrom).orElse(null);
	}

}
