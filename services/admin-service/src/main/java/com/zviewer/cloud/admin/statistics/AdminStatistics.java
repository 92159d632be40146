package com.zviewer.cloud.admin.statistics;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The statistics of every service for one range of days, each section as its service answered it (the shared
 * statistics shape, with whatever the service adds), or {@code null} if it could not be had.
 *
 * @param from the first day, inclusive
 * @param to the last day, inclusive
 * @param users auth-service's accounts
 * @param media media-service's items
 * @param comments comments-service's comments
 * @param payments payments-service's payments
 * @param unavailable the sections that could not be had in time, by name
 */
record AdminStatistics(LocalDate from, LocalDate to, JsonNode users, JsonNode media, JsonNode comments,
		JsonNode payments, List<String> unavailable) {

}
