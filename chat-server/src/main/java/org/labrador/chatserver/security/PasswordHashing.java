package org.labrador.chatserver.security;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are stored as bcrypt hashes; hashes of other schemes still check, should the default change.
 * Sign-ins with a password go through a throttle against guessing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInThrottle.Policy.class)
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SignInThrottle signInThrottle(SignInThrottle.Policy policy) {
        return new SignInThrottle(policy, Clock.systemUTC());
    }

    @Bean
    AuthenticationProvider passwordSignIn(UserAccounts accounts, PasswordEncoder encoder, SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts::loadUserByUsername);
        passwords.setPasswordEncoder(encoder);
        return new PasswordSignIn(passwords, throttle);
    }
}
