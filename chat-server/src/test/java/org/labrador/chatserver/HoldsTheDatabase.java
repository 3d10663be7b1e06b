package org.labrador.chatserver;

import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second process for {@code EmbeddedDatabaseTest}: opens the database exactly as a running server
 * does (the application's own datasource settings), prints {@code open} and holds it until its
 * standard input closes.
 */
public final class HoldsTheDatabase {

    private HoldsTheDatabase() {
    }

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = LabradorApplication.startWithoutWeb(
                "labrador.data-dir=" + args[0], "labrador.sync-on-start=false", "spring.main.lazy-initialization=true",
                "logging.level.root=ERROR",
                "spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                        + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration");
             Connection connection = context.getBean(DataSource.class).getConnection()) {
            System.out.println("open " + connection.getMetaData().getURL());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the database until the test closes our standard input
            }
        }
    }
}
