package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code docker} command line against the project's own docker-compose.yml, as a user would, under a project
 * name and host ports of its own so that it never touches a stack the user is running.
 */
final class DockerCompose {

	private final Path directory;

	private final String project;

	private final Map<String, String> environment;

	DockerCompose(Path directory, String project, Map<String, String> environment) {
		this.directory = directory;
		this.project = project;
		this.environment = environment;
	}

	String project() {
		return this.project;
	}

	/**
	 * Runs {@code docker compose ARGS} and returns its output; fails unless it exits with 0, saying why the project's
	 * containers are not healthy when it was told to {@code --wait} for them.
	 */
	String compose(Duration timeout, String... args) {
		List<String> command = new ArrayList<>(List.of("docker", "compose", "--project-name", this.project,
				"--file", this.directory.resolve("docker-compose.yml").toString()));
		command.addAll(List.of(args));
		Result result = run(timeout, command);
		return command.contains("--wait") ? result.requireHealthy(this.project) : result.requireSuccess();
	}

	/** The same project with more environment variables for the commands it runs. */
	DockerCompose withEnvironment(Map<String, String> more) {
		Map<String, String> merged = new java.util.HashMap<>(this.environment);
		merged.putAll(more);
		return new DockerCompose(this.directory, this.project, merged);
	}

	/** Runs a command of the project's (a script) with the same environment; fails unless it exits with 0. */
	String run(Duration timeout, String... command) {
		return exec(timeout, command).requireSuccess();
	}

	/** Runs a command of the project's (a script) with the same environment, whatever its exit code. */
	Result exec(Duration timeout, String... command) {
		return run(timeout, List.of(command));
	}

	/** Runs {@code docker ARGS}, whatever its exit code. */
	Result docker(Duration timeout, String... args) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(args));
		return run(timeout, command);
	}

	private Result run(Duration timeout, List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true);
		builder.environment().putAll(this.environment);
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			// The output is read on its own thread so that a chatty command never blocks on a full pipe.
			StringBuilder output = new StringBuilder();
			Thread reader = Thread.ofVirtual().start(() -> {
				try {
					output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					output.append(ex);
				}
			});
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				reader.join(5000);
				throw new IllegalStateException("Timed out after " + timeout + ": " + command + "\n" + output);
			}
			reader.join();
			return new Result(command, process.exitValue(), output.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Result(List<String> command, int exitCode, String output) {

		String requireSuccess() {
			if (this.exitCode != 0) {
				throw new IllegalStateException(
						"Exit code " + this.exitCode + " from " + String.join(" ", this.command) + "\n" + this.output);
			}
			return this.output;
		}

		/** As {@link #requireSuccess()}, saying on failure why the project's containers are not healthy. */
		String requireHealthy(String project) {
			if (this.exitCode != 0) {
				throw new IllegalStateException("Exit code " + this.exitCode + " from " + String.join(" ", this.command)
						+ "\n" + this.output + ZViewerStack.whyNotHealthy(project));
			}
			return this.output;
		}

	}

}
