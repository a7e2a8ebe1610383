package io.bigpicture.loader.sync.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import java.util.function.Predicate;

/** A real connection whose first statement matching a rule fails, as a warehouse hiccup would. */
final class FailingConnection {

    private FailingConnection() {
    }

    static Connection failingOnce(Connection real, Predicate<String> rule) {
        return failingOnce(real, rule, sql -> new SQLException("injected failure at: " + sql, "58000"));
    }

    /** @param failure what the warehouse answers to the statement that fails */
    static Connection failingOnce(Connection real, Predicate<String> rule, Function<String, SQLException> failure) {
        boolean[] failed = {false};
        return (Connection) Proxy.newProxyInstance(FailingConnection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    Object result = invoke(real, method, arguments);
                    if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                        return Proxy.newProxyInstance(FailingConnection.class.getClassLoader(), new Class<?>[] {Statement.class},
                                (statementProxy, statementMethod, statementArguments) -> {
                                    if (statementArguments != null && statementArguments.length > 0 && statementArguments[0] instanceof String sql
                                            && !failed[0] && rule.test(sql)) {
                                        failed[0] = true;
                                        throw failure.apply(sql);
                                    }
                                    return invoke(statement, statementMethod, statementArguments);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
