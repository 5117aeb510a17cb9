package org.tipis.platform.serviceclient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.client.RestClient;

/**
 * Service-to-service calls with the service's own client credentials, for services that declare the
 * registration {@code spring.security.oauth2.client.registration.tipis-service} (see PlatformDefaults).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
        "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration"})
@ConditionalOnClass(OAuth2AuthorizedClientManager.class)
public class ServiceClientAutoConfiguration {

    /** Outside of any user request: the service acts as itself, never on a user's session. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ClientRegistrationRepository.class)
    OAuth2AuthorizedClientManager serviceAuthorizedClientManager(ClientRegistrationRepository registrations,
                                                                 OAuth2AuthorizedClientService clients) {
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        return manager;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(OAuth2AuthorizedClientManager.class)
    ServiceClients serviceClients(OAuth2AuthorizedClientManager manager,
                                  org.springframework.beans.factory.ObjectProvider<RestClient.Builder> builder) {
        return new ServiceClients(manager, builder.getIfAvailable(RestClient::builder));
    }
}
