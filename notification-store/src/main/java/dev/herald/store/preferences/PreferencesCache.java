package dev.herald.store.preferences;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * The preferences the pipeline judges events with, cached per user. Every change drops
 * the user: on this instance right after the commit, on every instance when the
 * {@code NOTIFY} of the change arrives (and everything when the listening connection was
 * lost, since notifications may have been missed). A load that overlapped an invalidation
 * is used but not kept, so a value read before a change never outlives it. Entries also
 * expire after {@code herald.store.preferences.cache-ttl}, a safety net only.
 */
@Component
public class PreferencesCache {

	private final PreferencesRepository repository;

	private final Cache<String, Preferences> cache;

	private long generation;

	PreferencesCache(PreferencesRepository repository, PreferencesProperties properties) {
		this.repository = repository;
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.cacheSize())
			.expireAfterWrite(properties.cacheTtl())
			.build();
	}

	/** Preferences of each user, from the cache or the database; defaults when absent. */
	public Map<String, Preferences> findAll(Collection<String> userIds) {
		Map<String, Preferences> result = new HashMap<>(this.cache.getAllPresent(userIds));
		List<String> missing = userIds.stream().filter((id) -> !result.containsKey(id)).distinct().toList();
		if (!missing.isEmpty()) {
			long before = generation();
			Map<String, Preferences> loaded = this.repository.findAll(missing);
			result.putAll(loaded);
			keep(loaded, before);
		}
		return result;
	}

	synchronized void invalidate(String userId) {
		this.generation++;
		this.cache.invalidate(userId);
	}

	synchronized void invalidateAll() {
		this.generation++;
		this.cache.invalidateAll();
	}

	private synchronized long generation() {
		return this.generation;
	}

	private synchronized void keep(Map<String, Preferences> loaded, long before) {
		if (this.generation == before) {
			this.cache.putAll(loaded);
		}
	}

}
