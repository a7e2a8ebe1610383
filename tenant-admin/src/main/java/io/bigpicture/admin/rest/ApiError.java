package io.bigpicture.admin.rest;

/** The body of every error answer. */
public record ApiError(String error) {
}
