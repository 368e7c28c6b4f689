package dev.catalogsync.bootstrap.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Lets Guice make picocli's commands, mixins and converters, so that they receive what they need by injection
 * instead of building it. Types Guice cannot make (picocli asks for collections too) fall back to picocli's own
 * factory.
 */
final class GuiceCommandFactory implements IFactory {

    private final Injector injector;

    GuiceCommandFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return injector.getInstance(type);
        } catch (ConfigurationException notInjectable) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
