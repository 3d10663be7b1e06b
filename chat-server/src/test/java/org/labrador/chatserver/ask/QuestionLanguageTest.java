package org.labrador.chatserver.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionLanguageTest {

    @Test
    void namesTheLanguageOfCommonQuestions() {
        assertThat(QuestionLanguage.of("Where is the S1 area threshold set?")).contains("English");
        assertThat(QuestionLanguage.of("Wo wird die Schwelle für die S1-Fläche gesetzt?")).contains("German");
        assertThat(QuestionLanguage.of("Où est défini le seuil de l'aire S1 ?")).contains("French");
        assertThat(QuestionLanguage.of("¿Dónde se define el umbral del área S1?")).contains("Spanish");
        assertThat(QuestionLanguage.of("Dove è definita la soglia dell'area S1?")).contains("Italian");
        assertThat(QuestionLanguage.of("Onde é definido o limiar da área S1?")).contains("Portuguese");
        assertThat(QuestionLanguage.of("Waar wordt de drempel voor het S1-oppervlak ingesteld?")).contains("Dutch");
        assertThat(QuestionLanguage.of("Где задаётся порог площади S1?")).contains("Russian");
        assertThat(QuestionLanguage.of("S1面积阈值在哪里设置？")).contains("Chinese");
        assertThat(QuestionLanguage.of("S1の閾値はどこで設定されますか？")).contains("Japanese");
    }

    @Test
    void codeAndGreekLettersInFormulasDoNotDecide() {
        assertThat(QuestionLanguage.of("Was bedeutet `git log --oneline --the --is`?")).contains("German");
        assertThat(QuestionLanguage.of("What are α and β in the fit?")).contains("English");
    }

    @Test
    void aQuestionWithoutTellingWordsTakesTheLanguageOfTheConversation() {
        assertThat(QuestionLanguage.of("S1 threshold?")).isEmpty();
        assertThat(QuestionLanguage.of("Und S2?", List.of("Where is it set?"))).contains("German");
        assertThat(QuestionLanguage.of("S2?", List.of("Wo wird die S1-Schwelle gesetzt?", "cuts.yaml?"))).contains("German");
    }
}
