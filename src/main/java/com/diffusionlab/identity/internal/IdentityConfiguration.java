package com.diffusionlab.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are BCrypt hashes; users and roles come from the database. Users of the identity
 * provider have no password here, so a password sign-in finds no such user.
 */
@Configuration
@EnableMethodSecurity
class IdentityConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
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
