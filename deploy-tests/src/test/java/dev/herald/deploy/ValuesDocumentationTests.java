package dev.herald.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bitnami convention: every value in {@code values.yaml} is documented by a
 * {@code ## @param} line (on the value itself or on the object holding it), and every
 * {@code @param} names a value that exists.
 */
class ValuesDocumentationTests {

	private static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+) \\S.*$", Pattern.MULTILINE);

	private static final String VALUES = "helm/herald/values.yaml";

	@Test
	void everyValueHasAnAtParam() {
		Set<String> documented = documentedPaths();
		List<String> leaves = new ArrayList<>();
		collectLeaves("", Repository.yaml(VALUES), leaves);

		assertThat(leaves).hasSizeGreaterThan(100)
			.as("values without a '## @param' line")
			.allMatch((leaf) -> isDocumented(leaf, documented));
	}

	@Test
	void everyAtParamNamesAnExistingValue() {
		Map<String, Object> values = Repository.yaml(VALUES);

		assertThat(documentedPaths()).as("'## @param' lines naming no value")
			.allMatch((path) -> Repository.get(values, path) != null || parentHasKey(values, path));
	}

	private static Set<String> documentedPaths() {
		Matcher matcher = PARAM.matcher(Repository.read(VALUES));
		return matcher.results().map((result) -> result.group(1)).collect(Collectors.toSet());
	}

	private static boolean isDocumented(String leaf, Set<String> documented) {
		for (String path = leaf; !path.isEmpty(); path = path.contains(".") ? path.substring(0, path.lastIndexOf('.'))
				: "") {
			if (documented.contains(path)) {
				return true;
			}
		}
		return false;
	}

	private static boolean parentHasKey(Map<String, Object> values, String path) {
		int dot = path.lastIndexOf('.');
		Object parent = (dot < 0) ? values : Repository.get(values, path.substring(0, dot));
		return parent instanceof Map<?, ?> map && map.containsKey(path.substring(dot + 1));
	}

	@SuppressWarnings("unchecked")
	private static void collectLeaves(String prefix, Map<String, Object> node, List<String> leaves) {
		node.forEach((key, value) -> {
			String path = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> child && !child.isEmpty()) {
				collectLeaves(path, (Map<String, Object>) child, leaves);
			}
			else {
				leaves.add(path);
			}
		});
	}

}
