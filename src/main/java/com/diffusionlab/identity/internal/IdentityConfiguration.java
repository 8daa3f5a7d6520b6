package com.diffusionlab.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are BCrypt hashes, checked behind the sign-in throttle; users and roles come from the
 * database. Users of the identity provider have no password here, so a password sign-in finds no
 * such user.
 */
@Configuration
@EnableMethodSecurity
class IdentityConfiguration {

  /**
   * None of Spring Security's own observations (a timer and a span around every filter of a chain
   * and every method's access check): they took a fifth of the CPU of an API read in {@code dlab
   * bench-load} and feed no dashboard; request times and sign-in failures are measured apart.
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /**
   * The one way to sign in with a password, for the login form and HTTP Basic alike: the users'
   * BCrypt hashes behind the sign-in throttle.
   */
  @Bean
  AuthenticationProvider passwordSignIn(
      UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle) {
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
    passwords.setPasswordEncoder(encoder);
    return new ThrottledSignIn(passwords, throttle);
  }

  @Bean
  UserDetailsService userDetailsService(UserRepository users) {
    return username ->
        users
            .findByUsername(username)
            // who signs in through the identity provider has no password here to check
            .filter(UserEntity::hasLocalPassword)
            .map(
                user ->
                    User.withUsername(user.username())
                        .password(user.passwordHash())
                        .authorities(new SimpleGrantedAuthority(user.role().authority()))
                        .disabled(!user.enabled())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException(username));
  }
}
