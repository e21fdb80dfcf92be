package dev.herald.devstack.demo;

import java.util.List;

/** The people and the content of the demo community. */
final class DemoUsers {

	static final List<DemoUser> ALL = List.of(
			new DemoUser("u-ana", "ana", "Ana Lima", "pt",
					List.of(artwork("a-ana-1", "Sunset over Lisbon"), artwork("a-ana-2", "Pixel Cat"),
							post("b-ana-1", "How I shade pixels"))),
			new DemoUser("u-bruno", "bruno", "Bruno Díaz", "es",
					List.of(artwork("a-bruno-1", "Neon Alley"), post("b-bruno-1", "Palettes that pop"))),
			new DemoUser("u-chen", "chen", "Chen Wei", "en",
					List.of(artwork("a-chen-1", "Mountain Loop"), artwork("a-chen-2", "Koi <3 Pond"))),
			new DemoUser("u-dara", "dara", "Dara Okafor", "en",
					List.of(artwork("a-dara-1", "Robot Garden"), post("b-dara-1", "Animating 8 frames"))),
			new DemoUser("u-eli", "eli", "Eli Novak", "en", List.of(artwork("a-eli-1", "Tiny Castle"))));

	private DemoUsers() {
	}

	private static Content artwork(String id, String title) {
		return new Content("artwork", id, title);
	}

	private static Content post(String id, String title) {
		return new Content("blog_post", id, title);
	}

	record DemoUser(String id, String handle, String name, String locale, List<Content> contents) {
	}

	record Content(String type, String id, String title) {
	}

}
