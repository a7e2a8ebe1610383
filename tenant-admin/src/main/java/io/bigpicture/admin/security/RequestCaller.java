package io.bigpicture.admin.security;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, as {@link CallerFilter} established it. */
@RequestScoped
public class RequestCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no caller was established for this request");
        }
        return caller;
    }
}
