package io.bigpicture.admin.service;

import io.bigpicture.admin.api.ApiException;

/** What a person may call a workspace, source or warehouse. */
final class Names {

    static final int MAX_LENGTH = 100;

    private Names() {
    }

    static String require(String name, String what) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest(what + " name is required");
        }
        String trimmed = name.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw ApiException.badRequest(what + " name may be at most " + MAX_LENGTH + " characters");
        }
        return trimmed;
    }
}
