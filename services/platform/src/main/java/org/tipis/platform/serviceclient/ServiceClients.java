package org.tipis.platform.serviceclient;

import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * HTTP clients for calls between TIPIS services: each call carries an access token of the calling service's own
 * Keycloak client (client credentials, registration {@value #REGISTRATION}), with bounded timeouts.
 */
public class ServiceClients {

    public static final String REGISTRATION = "tipis-service";

    private final OAuth2AuthorizedClientManager clients;
    private final RestClient.Builder builder;

    public ServiceClients(OAuth2AuthorizedClientManager clients, RestClient.Builder builder) {
        this.clients = clients;
        this.builder = builder;
    }

    public RestClient forBaseUrl(String baseUrl) {
        OAuth2ClientHttpRequestInterceptor tokens = new OAuth2ClientHttpRequestInterceptor(clients);
        tokens.setClientRegistrationIdResolver(request -> REGISTRATION);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(Duration.ofSeconds(30));
        return builder.clone().baseUrl(baseUrl).requestFactory((ClientHttpRequestFactory) factory)
                .requestInterceptor(tokens).build();
    }
}
