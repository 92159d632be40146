package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks the Kustomize manifests of {@code kubernetes/} without a cluster: each overlay is rendered with
 * {@code kubectl kustomize} (kubectl must be on the PATH: without it this test fails rather than skips), every
 * rendered document is read into the Kubernetes API model of fabric8 (a value of the wrong type fails the reading,
 * and a field the API does not know, such as a typo or a wrong indentation, ends up among a model object's additional
 * properties, which fails the test), and the rendered objects must follow the deployment policy: probes, drain,
 * resources, hardening, disruption budgets, autoscalers, Services that select pods, secrets only from the overlays,
 * and only the gateway reachable from outside; scheduled backups with the script of {@code backup/}, and a restore Job
 * kept out of the overlays ({@code kubernetes/restore/}).
 * <p>
 * The overlays are rendered from a copy of {@code kubernetes/}, {@code config-repo/}, {@code postgres/} and
 * {@code backup/} in a
 * temporary directory, each overlay's {@code secrets.env.example} standing in for the git-ignored
 * {@code secrets.env}, so that a developer's own secrets are neither needed nor read.
 */
class KubernetesManifestsTest {

	static final Path ROOT = Path.of(System.getProperty("zviewer.root", "..")).toAbsolutePath().normalize();

	static final List<String> OVERLAYS = List.of("development", "production");

	static final List<String> BUSINESS_SERVICES = List.of("auth-service", "media-service", "comments-service",
			"payments-service", "admin-service", "video-thumbnailer");

	/** The memory of each Spring application's container, as docker-compose.yml limits it. */
	static final Map<String, String> MEMORY = Map.of("discovery-server", "256Mi", "config-server", "256Mi",
			"api-gateway", "320Mi", "auth-service", "320Mi", "media-service", "320Mi", "comments-service", "320Mi",
			"payments-service", "320Mi", "admin-service", "320Mi", "video-thumbnailer", "384Mi");

	/** What an application needs after SIGTERM: zviewer.shutdown.drain-delay and the graceful shutdown. */
	static final long DRAIN_AND_SHUTDOWN_SECONDS = 10 + 20;

	static final KubernetesSerialization serialization = new KubernetesSerialization();

	@TempDir
	static Path work;

	static List<HasMetadata> base;

	static Map<String, List<HasMetadata>> overlays;

	/** Each overlay rendered with the restore Job ({@code kubernetes/restore/<overlay>}), keyed by overlay. */
	static Map<String, List<HasMetadata>> restores;

	@BeforeAll
	static void render() throws IOException {
		copy(ROOT.resolve("kubernetes"), work.resolve("kubernetes"));
		copy(ROOT.resolve("config-repo"), work.resolve("config-repo"));
		copy(ROOT.resolve("postgres"), work.resolve("postgres"));
		copy(ROOT.resolve("backup"), work.resolve("backup"));
		base = read(kustomize(work.resolve("kubernetes/base")));
		overlays = new LinkedHashMap<>();
		restores = new LinkedHashMap<>();
		for (String overlay : OVERLAYS) {
			Path directory = work.resolve("kubernetes/overlays").resolve(overlay);
			Files.copy(directory.resolve("secrets.env.example"), directory.resolve("secrets.env"));
			overlays.put(overlay, read(kustomize(directory)));
			restores.put(overlay, read(kustomize(work.resolve("kubernetes/restore").resolve(overlay))));
			Files.delete(directory.resolve("secrets.env"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "development", "production" })
	void overlayDoesNotRenderWithoutItsSecrets(String overlay) {
		Result result = kubectl("kustomize", "--load-restrictor=LoadRestrictionsNone",
				work.resolve("kubernetes/overlays").resolve(overlay).toString());
		assertThat(result.exitCode()).as("exit code without secrets.env").isNotZero();
		assertThat(result.error()).contains("secrets.env");
	}

	@Test
	void everyDocumentIsAKnownKindWithKnownFieldsOnly() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			for (HasMetadata object : rendered.getValue()) {
				String name = rendered.getKey() + ": " + object.getKind() + " " + object.getMetadata().getName();
				assertThat(object).as(name).isNotInstanceOf(GenericKubernetesResource.class);
				List<String> unknown = new ArrayList<>();
				collectUnknownFields(object, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
				assertThat(unknown).as("fields the Kubernetes API does not know in " + name).isEmpty();
			}
		}
	}

	@Test
	void everyObjectIsLabelledAsPartOfTheSystem() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			assertThat(rendered.getValue()).as(rendered.getKey() + ": objects labelled app.kubernetes.io/part-of")
				.allSatisfy((object) -> assertThat(object.getMetadata().getLabels())
					.as(object.getKind() + " " + object.getMetadata().getName())
					.containsEntry("app.kubernetes.io/part-of", "zviewer"));
		}
	}

	@Test
	void everyDeploymentHasProbesResourcesHardeningAndADrain() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			List<Deployment> deployments = all(rendered.getValue(), Deployment.class);
			assertThat(deployments).extracting((deployment) -> deployment.getMetadata().getName())
				.as(rendered.getKey())
				.contains("discovery-server", "config-server", "api-gateway")
				.containsAll(BUSINESS_SERVICES);
			for (Deployment deployment : deployments) {
				String name = rendered.getKey() + ": Deployment " + deployment.getMetadata().getName();
				PodTemplateSpec template = deployment.getSpec().getTemplate();
				assertHardened(name, template);
				for (Container container : template.getSpec().getContainers()) {
					assertThat(container.getStartupProbe()).as(name + " startupProbe").isNotNull();
					assertThat(container.getReadinessProbe()).as(name + " readinessProbe").isNotNull();
					assertThat(container.getLivenessProbe()).as(name + " livenessProbe").isNotNull();
					assertThat(container.getLifecycle()).as(name + " lifecycle").isNotNull();
					assertThat(container.getLifecycle().getPreStop()).as(name + " preStop").isNotNull();
					assertRequestsAndLimits(name, container.getResources());
				}
			}
		}
	}

	@Test
	void springApplicationsProbeTheirHealthGroupsAndDrainBeforeTheyStop() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			for (Map.Entry<String, String> memory : MEMORY.entrySet()) {
				Deployment deployment = find(rendered.getValue(), Deployment.class, memory.getKey());
				String name = rendered.getKey() + ": Deployment " + memory.getKey();
				Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
				assertHttpProbe(name + " readiness", container, container.getReadinessProbe(),
						"/actuator/health/readiness");
				assertHttpProbe(name + " liveness", container, container.getLivenessProbe(),
						"/actuator/health/liveness");
				assertHttpProbe(name + " startup", container, container.getStartupProbe(),
						"/actuator/health/liveness");
				Long preStopSleep = container.getLifecycle().getPreStop().getSleep().getSeconds();
				assertThat(preStopSleep).as(name + " preStop sleep").isPositive();
				assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
					.as(name + " terminationGracePeriodSeconds")
					.isGreaterThan(preStopSleep + DRAIN_AND_SHUTDOWN_SECONDS);
				if (!memory.getKey().equals("discovery-server")) {
					assertThat(deployment.getSpec().getStrategy().getType()).as(name + " strategy")
						.isEqualTo("RollingUpdate");
					assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
						.as(name + ": a new replica is ready before an old one stops")
						.isEqualTo(new IntOrString(0));
				}
				ResourceRequirements resources = container.getResources();
				assertThat(resources.getLimits().get("memory")).as(name + " memory limit")
					.isEqualTo(new Quantity(memory.getValue()));
				assertThat(resources.getRequests().get("memory")).as(name + " memory request")
					.isEqualTo(resources.getLimits().get("memory"));
				assertThat(container.getVolumeMounts()).as(name + " mounts")
					.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
				assertThat(container.getEnv()).as(name + " registers with the pod's address")
					.filteredOn((env) -> env.getValueFrom() != null && env.getValueFrom().getFieldRef() != null)
					.extracting(EnvVar::getName)
					.contains("EUREKA_INSTANCE_IPADDRESS", "SPRING_CLOUD_CLIENT_IPADDRESS");
			}
		}
	}

	@Test
	void statefulSetsAreHardenedAndProbedToo() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			List<StatefulSet> statefulSets = all(rendered.getValue(), StatefulSet.class);
			assertThat(statefulSets).extracting((statefulSet) -> statefulSet.getMetadata().getName())
				.as(rendered.getKey())
				.containsExactlyInAnyOrder("postgres", "rabbitmq");
			for (StatefulSet statefulSet : statefulSets) {
				String name = rendered.getKey() + ": StatefulSet " + statefulSet.getMetadata().getName();
				assertHardened(name, statefulSet.getSpec().getTemplate());
				assertThat(statefulSet.getSpec().getVolumeClaimTemplates()).as(name + " volume").hasSize(1);
				for (Container container : statefulSet.getSpec().getTemplate().getSpec().getContainers()) {
					assertThat(container.getReadinessProbe()).as(name + " readinessProbe").isNotNull();
					assertThat(container.getLivenessProbe()).as(name + " livenessProbe").isNotNull();
					assertRequestsAndLimits(name, container.getResources());
				}
			}
		}
	}

	@Test
	void everyDeploymentWithMoreThanOneReplicaHasADisruptionBudgetThatSelectsIt() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			List<HasMetadata> objects = rendered.getValue();
			List<PodDisruptionBudget> budgets = all(objects, PodDisruptionBudget.class);
			for (Deployment deployment : all(objects, Deployment.class)) {
				String name = rendered.getKey() + ": Deployment " + deployment.getMetadata().getName();
				Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
				List<PodDisruptionBudget> selecting = budgets.stream()
					.filter((budget) -> matches(budget.getSpec().getSelector(), labels))
					.toList();
				if (minimumReplicas(objects, deployment) > 1) {
					assertThat(selecting).as(name + " has more than one replica: its PodDisruptionBudget").hasSize(1);
					PodDisruptionBudget budget = selecting.get(0);
					assertThat(budget.getSpec().getMaxUnavailable() != null
							|| budget.getSpec().getMinAvailable() != null)
						.as(name + " budget names maxUnavailable or minAvailable")
						.isTrue();
				}
				else {
					assertThat(selecting).as(name + " has one replica: a budget would block every node drain")
						.isEmpty();
				}
			}
			for (PodDisruptionBudget budget : budgets) {
				assertThat(all(objects, Deployment.class))
					.as(rendered.getKey() + ": PodDisruptionBudget " + budget.getMetadata().getName()
							+ " selects a Deployment's pods")
					.anySatisfy((deployment) -> assertThat(matches(budget.getSpec().getSelector(),
							deployment.getSpec().getTemplate().getMetadata().getLabels()))
						.isTrue());
			}
		}
	}

	@Test
	void productionAutoscalesTheGatewayAndEveryBusinessServiceFromTwoReplicas() {
		List<HasMetadata> production = overlays.get("production");
		List<HorizontalPodAutoscaler> autoscalers = all(production, HorizontalPodAutoscaler.class);
		List<String> scaled = Stream.concat(Stream.of("api-gateway"), BUSINESS_SERVICES.stream()).toList();
		for (String deployment : scaled) {
			List<HorizontalPodAutoscaler> targeting = autoscalers.stream()
				.filter((autoscaler) -> autoscaler.getSpec().getScaleTargetRef().getName().equals(deployment))
				.toList();
			assertThat(targeting).as("HorizontalPodAutoscaler of " + deployment).hasSize(1);
			HorizontalPodAutoscaler autoscaler = targeting.get(0);
			assertThat(autoscaler.getApiVersion()).isEqualTo("autoscaling/v2");
			assertThat(autoscaler.getSpec().getMinReplicas()).as(deployment + " minReplicas").isGreaterThanOrEqualTo(2);
			assertThat(autoscaler.getSpec().getMaxReplicas()).as(deployment + " maxReplicas")
				.isGreaterThan(autoscaler.getSpec().getMinReplicas());
			assertThat(autoscaler.getSpec().getMetrics()).as(deployment + " metrics")
				.filteredOn((metric) -> "Resource".equals(metric.getType()))
				.extracting((MetricSpec metric) -> metric.getResource().getName())
				.containsExactlyInAnyOrder("cpu", "memory");
			Deployment target = find(production, Deployment.class, deployment);
			assertThat(target.getSpec().getReplicas())
				.as(deployment + " names no replica count: applying again must not reset the autoscaler's")
				.isNull();
		}
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			for (HorizontalPodAutoscaler autoscaler : all(rendered.getValue(), HorizontalPodAutoscaler.class)) {
				var target = autoscaler.getSpec().getScaleTargetRef();
				assertThat(target.getKind()).isEqualTo("Deployment");
				assertThat(target.getApiVersion()).isEqualTo("apps/v1");
				assertThat(all(rendered.getValue(), Deployment.class))
					.as(rendered.getKey() + ": the target of HorizontalPodAutoscaler "
							+ autoscaler.getMetadata().getName())
					.anySatisfy((deployment) -> assertThat(deployment.getMetadata().getName())
						.isEqualTo(target.getName()));
				Deployment deployment = find(rendered.getValue(), Deployment.class, target.getName());
				for (MetricSpec metric : autoscaler.getSpec().getMetrics()) {
					String resource = metric.getResource().getName();
					assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
						.as("utilisation of " + resource + " needs a request in every container of "
								+ target.getName())
						.allSatisfy((container) -> assertThat(container.getResources().getRequests())
							.containsKey(resource));
				}
			}
		}
	}

	@Test
	void developmentRunsOneReplicaOfEverythingWithoutAutoscaling() {
		List<HasMetadata> development = overlays.get("development");
		assertThat(all(development, HorizontalPodAutoscaler.class)).isEmpty();
		assertThat(all(development, Deployment.class))
			.allSatisfy((deployment) -> assertThat(minimumReplicas(development, deployment))
				.as(deployment.getMetadata().getName())
				.isEqualTo(1));
		assertThat(find(development, Service.class, "api-gateway").getSpec().getType()).isEqualTo("NodePort");
	}

	@Test
	void everyServiceSelectsPods() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			List<PodTemplateSpec> templates = podTemplates(rendered.getValue());
			for (Service service : all(rendered.getValue(), Service.class)) {
				String name = rendered.getKey() + ": Service " + service.getMetadata().getName();
				Map<String, String> selector = service.getSpec().getSelector();
				assertThat(selector).as(name + " selector").isNotEmpty();
				List<PodTemplateSpec> selected = templates.stream()
					.filter((template) -> template.getMetadata()
						.getLabels()
						.entrySet()
						.containsAll(selector.entrySet()))
					.toList();
				assertThat(selected).as(name + " selects pods").isNotEmpty();
				for (var port : service.getSpec().getPorts()) {
					IntOrString target = port.getTargetPort();
					if (target != null && target.getStrVal() != null) {
						assertThat(selected).as(name + " target port " + target.getStrVal())
							.allSatisfy((template) -> assertThat(template.getSpec().getContainers().stream()
								.flatMap((container) -> container.getPorts().stream())
								.map(ContainerPort::getName)).contains(target.getStrVal()));
					}
				}
			}
		}
	}

	@Test
	void secretsComeOnlyFromTheOverlaysAndEveryReferencedKeyExists() {
		assertThat(all(base, Secret.class)).as("Secrets in the rendered base").isEmpty();
		Map<String, List<HasMetadata>> renderings = new LinkedHashMap<>(overlays);
		restores.forEach((overlay, objects) -> renderings.put("restore/" + overlay, objects));
		for (Map.Entry<String, List<HasMetadata>> rendering : renderings.entrySet()) {
			String overlay = rendering.getKey();
			List<HasMetadata> objects = rendering.getValue();
			List<Secret> secrets = all(objects, Secret.class);
			assertThat(secrets).as(overlay + ": Secrets").hasSize(1);
			Secret secret = secrets.get(0);
			assertThat(secret.getMetadata().getName()).as(overlay).startsWith("zviewer-secrets-");
			for (PodTemplateSpec template : podTemplates(objects)) {
				for (Container container : template.getSpec().getContainers()) {
					for (EnvVar env : container.getEnv()) {
						if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
							var reference = env.getValueFrom().getSecretKeyRef();
							assertThat(reference.getName())
								.as(overlay + ": " + container.getName() + " " + env.getName())
								.isEqualTo(secret.getMetadata().getName());
							assertThat(secret.getData()).as(overlay + ": key of " + container.getName() + " "
									+ env.getName()).containsKey(reference.getKey());
						}
					}
				}
				for (Volume volume : template.getSpec().getVolumes()) {
					if (volume.getConfigMap() != null) {
						assertThat(all(objects, ConfigMap.class))
							.as(overlay + ": ConfigMap of volume " + volume.getName())
							.anySatisfy((configMap) -> assertThat(configMap.getMetadata().getName())
								.isEqualTo(volume.getConfigMap().getName()));
					}
					if (volume.getPersistentVolumeClaim() != null) {
						assertThat(objects).as(overlay + ": PersistentVolumeClaim of volume " + volume.getName())
							.anySatisfy((object) -> {
								assertThat(object.getKind()).isEqualTo("PersistentVolumeClaim");
								assertThat(object.getMetadata().getName())
									.isEqualTo(volume.getPersistentVolumeClaim().getClaimName());
							});
					}
				}
			}
		}
	}

	@Test
	void theConfigServerServesEveryFileOfConfigRepo() throws IOException {
		List<String> files;
		try (Stream<Path> listing = Files.list(ROOT.resolve("config-repo"))) {
			files = listing.filter(Files::isRegularFile).map((file) -> file.getFileName().toString()).toList();
		}
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			ConfigMap configRepo = all(rendered.getValue(), ConfigMap.class).stream()
				.filter((configMap) -> configMap.getMetadata().getName().startsWith("config-repo-"))
				.findFirst()
				.orElseThrow();
			assertThat(configRepo.getData().keySet()).as(rendered.getKey() + ": files of config-repo/")
				.containsExactlyInAnyOrderElementsOf(files);
			for (String file : files) {
				assertThat(configRepo.getData().get(file)).as(file)
					.isEqualTo(Files.readString(ROOT.resolve("config-repo").resolve(file)));
			}
			Container configServer = find(rendered.getValue(), Deployment.class, "config-server").getSpec()
				.getTemplate()
				.getSpec()
				.getContainers()
				.get(0);
			assertThat(configServer.getEnv()).as(rendered.getKey() + ": CONFIG_REPO_LOCATION")
				.anySatisfy((env) -> {
					assertThat(env.getName()).isEqualTo("CONFIG_REPO_LOCATION");
					assertThat(env.getValue()).isEqualTo("file:/config-repo/");
				});
			assertThat(configServer.getVolumeMounts()).as(rendered.getKey() + ": mount of config-repo")
				.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/config-repo"));
		}
	}

	@Test
	void onlyTheGatewayIsReachableFromOutside() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			for (Service service : all(rendered.getValue(), Service.class)) {
				String name = rendered.getKey() + ": Service " + service.getMetadata().getName();
				if (!service.getMetadata().getName().equals("api-gateway")) {
					assertThat(service.getSpec().getType()).as(name + " type").isIn(null, "ClusterIP");
				}
				assertThat(service.getSpec().getExternalIPs()).as(name + " externalIPs").isNullOrEmpty();
			}
			for (Ingress ingress : all(rendered.getValue(), Ingress.class)) {
				String name = rendered.getKey() + ": Ingress " + ingress.getMetadata().getName();
				List<IngressBackend> backends = new ArrayList<>();
				if (ingress.getSpec().getDefaultBackend() != null) {
					backends.add(ingress.getSpec().getDefaultBackend());
				}
				ingress.getSpec()
					.getRules()
					.forEach((rule) -> rule.getHttp().getPaths().forEach((path) -> backends.add(path.getBackend())));
				assertThat(backends).as(name + " backends").isNotEmpty()
					.allSatisfy((backend) -> assertThat(backend.getService().getName()).isEqualTo("api-gateway"));
			}
		}
		Ingress ingress = find(overlays.get("production"), Ingress.class, "api-gateway");
		assertThat(ingress.getSpec().getTls()).as("production Ingress TLS")
			.singleElement()
			.satisfies((tls) -> assertThat(tls.getSecretName()).isNotBlank());
		assertThat(find(overlays.get("production"), Service.class, "api-gateway").getSpec().getType())
			.isEqualTo("ClusterIP");
	}

	@Test
	void onlyTheGatewayAndTheServicesThemselvesMayConnectToTheBusinessServices() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			List<HasMetadata> objects = rendered.getValue();
			List<NetworkPolicy> policies = all(objects, NetworkPolicy.class);
			assertThat(policies).as(rendered.getKey() + ": a policy that denies all ingress not allowed")
				.anySatisfy((policy) -> {
					assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
					assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
					assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
					assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
				});
			Map<String, String> gatewayLabels = find(objects, Deployment.class, "api-gateway").getSpec()
				.getTemplate()
				.getMetadata()
				.getLabels();
			List<Map<String, String>> allowedPeers = new ArrayList<>();
			allowedPeers.add(gatewayLabels);
			for (String service : BUSINESS_SERVICES) {
				allowedPeers
					.add(find(objects, Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels());
			}
			for (String service : BUSINESS_SERVICES) {
				Map<String, String> labels = find(objects, Deployment.class, service).getSpec()
					.getTemplate()
					.getMetadata()
					.getLabels();
				List<NetworkPolicy> selecting = policies.stream()
					.filter((policy) -> matches(policy.getSpec().getPodSelector(), labels))
					.toList();
				List<NetworkPolicyIngressRule> rules = selecting.stream()
					.flatMap((policy) -> Objects.requireNonNullElse(policy.getSpec().getIngress(),
							List.<NetworkPolicyIngressRule>of())
						.stream())
					.toList();
				assertThat(rules).as(rendered.getKey() + ": rules open to any source, for " + service)
					.allSatisfy((rule) -> assertThat(rule.getFrom()).isNotEmpty());
				List<NetworkPolicyPeer> peers = rules.stream().flatMap((rule) -> rule.getFrom().stream()).toList();
				assertThat(peers).as(rendered.getKey() + ": who may connect to " + service).isNotEmpty();
				for (NetworkPolicyPeer peer : peers) {
					assertThat(peer.getIpBlock()).as(service + " peer ipBlock").isNull();
					assertThat(peer.getNamespaceSelector()).as(service + " peer namespaceSelector").isNull();
					assertThat(allRenderedPodLabels(objects))
						.filteredOn((podLabels) -> matches(peer.getPodSelector(), podLabels))
						.as(rendered.getKey() + ": pods allowed to connect to " + service)
						.isNotEmpty()
						.allSatisfy((podLabels) -> assertThat(allowedPeers).contains(podLabels));
				}
			}
		}
	}

	@Test
	void backupsRunEverySixHoursUnprivilegedWithTheScriptOfCompose() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			List<HasMetadata> objects = rendered.getValue();
			String name = rendered.getKey() + ": CronJob backup";
			CronJob cronJob = find(objects, CronJob.class, "backup");
			assertThat(cronJob.getSpec().getSchedule()).as(name + " schedule").isEqualTo("0 */6 * * *");
			assertThat(cronJob.getSpec().getConcurrencyPolicy()).as(name + " concurrencyPolicy").isEqualTo("Forbid");
			assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).as(name + " successfulJobsHistoryLimit")
				.isNotNull()
				.isPositive();
			assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).as(name + " failedJobsHistoryLimit")
				.isNotNull()
				.isPositive();
			JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
			assertThat(job.getBackoffLimit()).as(name + " backoffLimit").isNotNull();
			assertThat(job.getActiveDeadlineSeconds()).as(name + ": ends before the next run")
				.isNotNull()
				.isPositive()
				.isLessThan(6 * 3600L);
			PodTemplateSpec template = job.getTemplate();
			assertHardened(name, template);
			assertThat(template.getSpec().getSecurityContext().getRunAsUser()).as(name + " runAsUser")
				.isEqualTo(10001L);
			Container container = template.getSpec().getContainers().get(0);
			assertThat(template.getSpec().getContainers()).as(name + " containers").hasSize(1);
			assertRequestsAndLimits(name, container.getResources());
			assertRunsTheScript(name, objects, template, List.of("backup"));
			assertThat(mount(name, container, env(name, container, "MEDIA_DIR")).getReadOnly())
				.as(name + ": media-data only read")
				.isTrue();
		}
	}

	@Test
	void theBackupScriptIsTheRepositorysOwnFileByteForByte() throws IOException {
		byte[] script = Files.readAllBytes(ROOT.resolve("backup/zviewer-backup.sh"));
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			List<ConfigMap> configMaps = all(rendered.getValue(), ConfigMap.class).stream()
				.filter((configMap) -> configMap.getMetadata().getName().startsWith("backup-script-"))
				.toList();
			assertThat(configMaps).as(rendered.getKey() + ": ConfigMap backup-script").hasSize(1);
			ConfigMap configMap = configMaps.get(0);
			assertThat(configMap.getData()).as(rendered.getKey() + ": files of backup-script")
				.containsOnlyKeys("zviewer-backup.sh");
			assertThat(configMap.getBinaryData()).as(rendered.getKey() + " binaryData").isNullOrEmpty();
			assertThat(configMap.getData().get("zviewer-backup.sh").getBytes(StandardCharsets.UTF_8))
				.as(rendered.getKey() + ": backup/zviewer-backup.sh in the ConfigMap")
				.isEqualTo(script);
		}
	}

	@Test
	void theRestoreJobIsKeptOutOfTheOverlaysAndRunsAsRootWithThreeCapabilitiesOnly() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			if (!rendered.getKey().startsWith("restore/")) {
				assertThat(all(rendered.getValue(), Job.class)).as(rendered.getKey() + ": Jobs").isEmpty();
			}
		}
		for (String overlay : OVERLAYS) {
			List<HasMetadata> objects = restores.get(overlay);
			String name = "restore/" + overlay + ": Job restore";
			assertThat(objects).as(name + ": the overlay's objects and the Job")
				.hasSize(overlays.get(overlay).size() + 1);
			Job job = find(objects, Job.class, "restore");
			String namespace = find(overlays.get(overlay), Deployment.class, "api-gateway").getMetadata()
				.getNamespace();
			assertThat(job.getMetadata().getNamespace()).as(name + " namespace").isNotNull().isEqualTo(namespace);
			assertThat(job.getMetadata().getLabels()).as(name + " labels")
				.containsEntry("app.kubernetes.io/name", "restore");
			assertThat(job.getSpec().getBackoffLimit()).as(name + " backoffLimit").isZero();
			assertThat(job.getSpec().getActiveDeadlineSeconds()).as(name + " activeDeadlineSeconds").isPositive();
			PodTemplateSpec template = job.getSpec().getTemplate();
			PodSecurityContext pod = template.getSpec().getSecurityContext();
			assertThat(pod.getRunAsUser()).as(name + " runAsUser").isZero();
			assertThat(pod.getSeccompProfile().getType()).as(name + " seccompProfile").isEqualTo("RuntimeDefault");
			assertThat(template.getSpec().getEnableServiceLinks()).as(name + " enableServiceLinks").isFalse();
			assertThat(template.getSpec().getAutomountServiceAccountToken()).as(name + " automountServiceAccountToken")
				.isFalse();
			assertThat(template.getSpec().getContainers()).as(name + " containers").hasSize(1);
			Container container = template.getSpec().getContainers().get(0);
			SecurityContext security = container.getSecurityContext();
			assertThat(security.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
			assertThat(security.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
			assertThat(security.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
			assertThat(security.getCapabilities().getDrop()).as(name + " capabilities dropped").contains("ALL");
			assertThat(security.getCapabilities().getAdd()).as(name + " capabilities added")
				.containsExactlyInAnyOrder("CHOWN", "DAC_OVERRIDE", "FOWNER");
			assertRequestsAndLimits(name, container.getResources());
			assertRunsTheScript(name, objects, template, List.of("restore", "latest"));
			assertThat(mount(name, container, env(name, container, "MEDIA_DIR")).getReadOnly())
				.as(name + ": media-data written")
				.isNotEqualTo(Boolean.TRUE);
		}
	}

	@Test
	void theBackupAndRestorePodsMayConnectToPostgres() {
		for (Map.Entry<String, List<HasMetadata>> rendered : allRenderings().entrySet()) {
			List<HasMetadata> objects = rendered.getValue();
			Map<String, String> postgres = find(objects, StatefulSet.class, "postgres").getSpec()
				.getTemplate()
				.getMetadata()
				.getLabels();
			List<PodTemplateSpec> templates = new ArrayList<>();
			all(objects, CronJob.class)
				.forEach((cronJob) -> templates.add(cronJob.getSpec().getJobTemplate().getSpec().getTemplate()));
			all(objects, Job.class).forEach((job) -> templates.add(job.getSpec().getTemplate()));
			assertThat(templates).as(rendered.getKey() + ": backup and restore pods").isNotEmpty();
			List<NetworkPolicyPeer> peers = all(objects, NetworkPolicy.class).stream()
				.filter((policy) -> matches(policy.getSpec().getPodSelector(), postgres))
				.flatMap((policy) -> Objects.requireNonNullElse(policy.getSpec().getIngress(),
						List.<NetworkPolicyIngressRule>of())
					.stream())
				.flatMap((rule) -> Objects.requireNonNullElse(rule.getFrom(), List.<NetworkPolicyPeer>of()).stream())
				.toList();
			for (PodTemplateSpec template : templates) {
				assertThat(peers)
					.as(rendered.getKey() + ": a policy lets " + template.getMetadata().getLabels()
							+ " connect to postgres")
					.anySatisfy((peer) -> assertThat(matches(peer.getPodSelector(),
							template.getMetadata().getLabels()))
						.isTrue());
			}
		}
	}

	/**
	 * The container runs backup/zviewer-backup.sh from the ConfigMap backup-script with the given arguments, reaching
	 * PostgreSQL as on Compose, with the media volume at MEDIA_DIR and the backups claim at BACKUP_DIR.
	 */
	private static void assertRunsTheScript(String name, List<HasMetadata> objects, PodTemplateSpec template,
			List<String> arguments) {
		Container container = template.getSpec().getContainers().get(0);
		assertThat(container.getImage()).as(name + " image").isEqualTo("postgres:17");
		assertThat(container.getCommand()).as(name + " command").hasSize(1);
		assertThat(container.getArgs()).as(name + " args").isEqualTo(arguments);
		VolumeMount script = mount(name, container, container.getCommand().get(0));
		Volume scriptVolume = volume(name, template, script.getName());
		assertThat(scriptVolume.getConfigMap()).as(name + ": the script from a ConfigMap").isNotNull();
		assertThat(scriptVolume.getConfigMap().getName()).as(name + " script ConfigMap").startsWith("backup-script-");
		assertThat(script.getSubPath()).as(name + " script file").isEqualTo("zviewer-backup.sh");
		assertThat(scriptVolume.getConfigMap().getDefaultMode() & 0555).as(name + ": script readable and executable")
			.isEqualTo(0555);
		assertThat(all(objects, ConfigMap.class)).as(name + ": the script's ConfigMap exists")
			.anySatisfy((configMap) -> assertThat(configMap.getMetadata().getName())
				.isEqualTo(scriptVolume.getConfigMap().getName()));
		assertThat(env(name, container, "PGHOST")).as(name + " PGHOST").isEqualTo("postgres");
		assertThat(env(name, container, "PGUSER")).as(name + " PGUSER").isEqualTo("postgres");
		EnvVar password = container.getEnv()
			.stream()
			.filter((env) -> env.getName().equals("PGPASSWORD"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + ": no PGPASSWORD"));
		assertThat(password.getValueFrom().getSecretKeyRef().getKey()).as(name + " PGPASSWORD key")
			.isEqualTo("POSTGRES_PASSWORD");
		if (all(objects, Secret.class).size() == 1) {
			Secret secret = all(objects, Secret.class).get(0);
			assertThat(password.getValueFrom().getSecretKeyRef().getName()).as(name + " PGPASSWORD Secret")
				.isEqualTo(secret.getMetadata().getName());
			assertThat(secret.getData()).as(name + " PGPASSWORD Secret key").containsKey("POSTGRES_PASSWORD");
		}
		assertThat(mountedClaim(name, template, container, env(name, container, "MEDIA_DIR")))
			.as(name + ": media-data at MEDIA_DIR")
			.isEqualTo("media-data");
		assertThat(mountedClaim(name, template, container, env(name, container, "BACKUP_DIR")))
			.as(name + ": the backups claim at BACKUP_DIR")
			.isEqualTo("backups");
		assertThat(all(objects, PersistentVolumeClaim.class))
			.as(name + ": the claims exist")
			.extracting((claim) -> claim.getMetadata().getName())
			.contains("media-data", "backups");
		Volume tmp = volume(name, template, mount(name, container, "/tmp").getName());
		assertThat(tmp.getEmptyDir()).as(name + ": /tmp an emptyDir").isNotNull();
	}

	private static String env(String name, Container container, String variable) {
		return container.getEnv()
			.stream()
			.filter((env) -> env.getName().equals(variable) && env.getValue() != null)
			.map(EnvVar::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + ": no value of " + variable));
	}

	private static VolumeMount mount(String name, Container container, String path) {
		return container.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + path));
	}

	private static Volume volume(String name, PodTemplateSpec template, String volume) {
		return template.getSpec()
			.getVolumes()
			.stream()
			.filter((candidate) -> candidate.getName().equals(volume))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + ": no volume " + volume));
	}

	/** The claim mounted at the path, {@code null} if what is mounted there is no claim. */
	private static String mountedClaim(String name, PodTemplateSpec template, Container container, String path) {
		Volume volume = volume(name, template, mount(name, container, path).getName());
		return (volume.getPersistentVolumeClaim() != null) ? volume.getPersistentVolumeClaim().getClaimName() : null;
	}

	private static void assertHardened(String name, PodTemplateSpec template) {
		PodSecurityContext pod = template.getSpec().getSecurityContext();
		assertThat(pod).as(name + " pod securityContext").isNotNull();
		assertThat(pod.getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
		assertThat(pod.getRunAsUser()).as(name + " runAsUser").isNotNull().isPositive();
		assertThat(pod.getSeccompProfile()).as(name + " seccompProfile").isNotNull();
		assertThat(pod.getSeccompProfile().getType()).as(name + " seccompProfile").isEqualTo("RuntimeDefault");
		assertThat(template.getSpec().getEnableServiceLinks()).as(name + " enableServiceLinks").isFalse();
		assertThat(template.getSpec().getAutomountServiceAccountToken()).as(name + " automountServiceAccountToken")
			.isFalse();
		for (Container container : template.getSpec().getContainers()) {
			SecurityContext security = container.getSecurityContext();
			assertThat(security).as(name + " container securityContext").isNotNull();
			assertThat(security.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
			assertThat(security.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
			assertThat(security.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
			assertThat(security.getCapabilities().getDrop()).as(name + " capabilities dropped").contains("ALL");
			assertThat(security.getCapabilities().getAdd()).as(name + " capabilities added").isNullOrEmpty();
		}
	}

	private static void assertRequestsAndLimits(String name, ResourceRequirements resources) {
		assertThat(resources).as(name + " resources").isNotNull();
		assertThat(resources.getRequests()).as(name + " requests").containsKeys("cpu", "memory");
		assertThat(resources.getLimits()).as(name + " limits").containsKeys("cpu", "memory");
		for (String resource : List.of("cpu", "memory")) {
			assertThat(Quantity.getAmountInBytes(resources.getRequests().get(resource)))
				.as(name + " " + resource + " request within its limit")
				.isLessThanOrEqualTo(Quantity.getAmountInBytes(resources.getLimits().get(resource)));
		}
	}

	private static void assertHttpProbe(String name, Container container, Probe probe, String path) {
		assertThat(probe.getHttpGet()).as(name + " probe over HTTP").isNotNull();
		assertThat(probe.getHttpGet().getPath()).as(name + " path").isEqualTo(path);
		IntOrString port = probe.getHttpGet().getPort();
		List<ContainerPort> ports = container.getPorts();
		if (port.getStrVal() != null) {
			assertThat(ports).extracting(ContainerPort::getName).as(name + " port").contains(port.getStrVal());
		}
		else {
			assertThat(ports).extracting(ContainerPort::getContainerPort).as(name + " port").contains(port.getIntVal());
		}
	}

	/** The replicas a Deployment runs at least: its own count, or its autoscaler's minimum. */
	private static int minimumReplicas(List<HasMetadata> objects, Deployment deployment) {
		int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
		for (HorizontalPodAutoscaler autoscaler : all(objects, HorizontalPodAutoscaler.class)) {
			if (autoscaler.getSpec().getScaleTargetRef().getName().equals(deployment.getMetadata().getName())) {
				replicas = Math.max(replicas, Objects.requireNonNullElse(autoscaler.getSpec().getMinReplicas(), 1));
			}
		}
		return replicas;
	}

	private static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
			return false;
		}
		if (selector.getMatchExpressions() != null) {
			for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
				String value = labels.get(requirement.getKey());
				boolean satisfied = switch (requirement.getOperator()) {
					case "In" -> value != null && requirement.getValues().contains(value);
					case "NotIn" -> value == null || !requirement.getValues().contains(value);
					case "Exists" -> value != null;
					case "DoesNotExist" -> value == null;
					default -> throw new IllegalArgumentException("Operator " + requirement.getOperator());
				};
				if (!satisfied) {
					return false;
				}
			}
		}
		return true;
	}

	private static List<Map<String, String>> allRenderedPodLabels(List<HasMetadata> objects) {
		return podTemplates(objects).stream().map((template) -> template.getMetadata().getLabels()).toList();
	}

	private static List<PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
		return Stream
			.of(all(objects, Deployment.class).stream().map((deployment) -> deployment.getSpec().getTemplate()),
					all(objects, StatefulSet.class).stream().map((statefulSet) -> statefulSet.getSpec().getTemplate()),
					all(objects, CronJob.class).stream()
						.map((cronJob) -> cronJob.getSpec().getJobTemplate().getSpec().getTemplate()),
					all(objects, Job.class).stream().map((job) -> job.getSpec().getTemplate()))
			.flatMap((templates) -> templates)
			.toList();
	}

	private static Map<String, List<HasMetadata>> allRenderings() {
		Map<String, List<HasMetadata>> all = new LinkedHashMap<>();
		all.put("base", base);
		all.putAll(overlays);
		restores.forEach((overlay, objects) -> all.put("restore/" + overlay, objects));
		return all;
	}

	private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
		return objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
		return all(objects, type).stream()
			.filter((object) -> object.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name));
	}

	/**
	 * Every field that the model put aside as an additional property, because the Kubernetes API has no such field
	 * there (or not of that type), with its path. Walks the model's getters, into lists, maps and nested objects.
	 */
	private static void collectUnknownFields(Object value, String path, List<String> unknown, Set<Object> seen) {
		if (value == null || !seen.add(value)) {
			return;
		}
		if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				collectUnknownFields(element, path + "[" + index++ + "]", unknown, seen);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> collectUnknownFields(element, path + "." + key, unknown, seen));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
				continue;
			}
			Object property = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (property instanceof Map<?, ?> additional) {
					additional.keySet().forEach((key) -> unknown.add(path + "." + key));
				}
			}
			else {
				String name = getter.getName().substring(3);
				collectUnknownFields(property, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1),
						unknown, seen);
			}
		}
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// Derived values that some objects cannot compute (for example a Quantity's amount of an odd format).
			return null;
		}
	}

	private static List<HasMetadata> read(String yaml) {
		List<HasMetadata> objects = new ArrayList<>();
		for (String document : yaml.split("(?m)^---\\s*$")) {
			if (document.isBlank()) {
				continue;
			}
			Object object = serialization.unmarshal(document);
			if (!(object instanceof HasMetadata resource)) {
				return fail("Not a Kubernetes object: " + document);
			}
			objects.add(resource);
		}
		assertThat(objects).as("rendered objects").isNotEmpty();
		return objects;
	}

	private static String kustomize(Path directory) {
		// config-repo/ and postgres/initdb/ are outside kubernetes/: read where they are, not copied (see the README).
		Result result = kubectl("kustomize", "--load-restrictor=LoadRestrictionsNone", directory.toString());
		assertThat(result.exitCode()).as("kubectl kustomize " + directory + ": " + result.error()).isZero();
		return result.output();
	}

	private static Result kubectl(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add("kubectl");
		command.addAll(List.of(arguments));
		try {
			Path output = Files.createTempFile(work, "kubectl", ".out");
			Path error = Files.createTempFile(work, "kubectl", ".err");
			Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(error.toFile())
				.start();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				return fail("kubectl did not finish within 2 minutes: " + command);
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
					Files.readString(error, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return fail("kubectl (1.27 or later, with Kustomize) must be on the PATH to check kubernetes/: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Copies a directory tree, leaving out any secrets.env (a developer's own secrets). */
	private static void copy(Path source, Path target) throws IOException {
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path copy = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else if (!file.getFileName().toString().equals("secrets.env")) {
					Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	record Result(int exitCode, String output, String error) {
	}

}
