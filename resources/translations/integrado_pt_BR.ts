<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>(invalid URL)</source>
        <translation>(URL inválida)</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Sobre o %1</translation>
    </message>
    <message>
        <source>Integrado call-center suite</source>
        <translation>Suíte de atendimento Integrado</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versão:</translation>
    </message>
    <message>
        <source>Redis server:</source>
        <translation>Servidor Redis:</translation>
    </message>
    <message>
        <source>Database (%1):</source>
        <translation>Banco de dados (%1):</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Pasta de dados:</translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation>Pasta de logs:</translation>
    </message>
    <message>
        <source>Runtime:</source>
        <translation>Ambiente:</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>chamados</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>tarefas</translation>
    </message>
    <message>
        <source>event history</source>
        <translation>histórico de eventos</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>&amp;Sobre o %1</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Unsent draft restored.</source>
        <translation>Rascunho não enviado restaurado.</translation>
    </message>
    <message>
        <source>List reloaded.</source>
        <translation>Lista recarregada.</translation>
    </message>
    <message>
        <source>Call #%1 registered for %2.</source>
        <translation>Chamado nº %1 registrado para %2.</translation>
    </message>
    <message>
        <source>Call #%1 saved.</source>
        <translation>Chamado nº %1 salvo.</translation>
    </message>
    <message>
        <source>Call #%1: %2.</source>
        <translation>Chamado nº %1: %2.</translation>
    </message>
    <message>
        <source>Call #%1 closed.</source>
        <translation>Chamado nº %1 encerrado.</translation>
    </message>
    <message>
        <source>Call #%1 reopened.</source>
        <translation>Chamado nº %1 reaberto.</translation>
    </message>
    <message>
        <source>Call #%1 assigned to you.</source>
        <translation>Chamado nº %1 atribuído a você.</translation>
    </message>
    <message>
        <source>Call #%1 assigned to %2.</source>
        <translation>Chamado nº %1 atribuído a %2.</translation>
    </message>
    <message>
        <source>Call #%1 unassigned.</source>
        <translation>Chamado nº %1 ficou sem responsável.</translation>
    </message>
    <message>
        <source>Note added to call #%1.</source>
        <translation>Observação adicionada ao chamado nº %1.</translation>
    </message>
    <message>
        <source>Delete call</source>
        <translation>Excluir chamado</translation>
    </message>
    <message>
        <source>Delete call #%1 (%2)? You can undo this from the status bar or with Ctrl+Z.</source>
        <translation>Excluir o chamado nº %1 (%2)? Você pode desfazer pela barra de status ou com Ctrl+Z.</translation>
    </message>
    <message>
        <source>Undo delete #%1</source>
        <translation>Desfazer exclusão do nº %1</translation>
    </message>
    <message>
        <source>Call #%1 deleted. Ctrl+Z undoes it.</source>
        <translation>Chamado nº %1 excluído. Ctrl+Z desfaz.</translation>
    </message>
    <message>
        <source>Call #%1 restored.</source>
        <translation>Chamado nº %1 restaurado.</translation>
    </message>
    <message>
        <source>%1 changed this call at %2 while you were editing. Saving now will be refused; reload to see their version.</source>
        <translation>%1 alterou este chamado às %2 enquanto você editava. Salvar agora será recusado; recarregue para ver a versão atual.</translation>
    </message>
</context>
<context>
    <name>CallDetailPane</name>
    <message>
        <source>Reload</source>
        <translation>Recarregar</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Wait on caller</source>
        <translation>Aguardar cliente</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Encerrar…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Atribuir a mim</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Atribuir</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Salvar alterações</translation>
    </message>
    <message>
        <source>Save the edited fields (Ctrl+S)</source>
        <translation>Salvar os campos editados (Ctrl+S)</translation>
    </message>
    <message>
        <source>Add a note… (Ctrl+Enter)</source>
        <translation>Adicionar uma observação… (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Adicionar observação</translation>
    </message>
    <message>
        <source>Priority from</source>
        <translation>Prioridade por</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aberto em</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Solução</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>Select a call, or press Ctrl+N to register one.</source>
        <translation>Selecione um chamado ou pressione Ctrl+N para registrar um novo.</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(sem responsável)</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 por %2</translation>
    </message>
    <message>
        <source>%1 (due %2)</source>
        <translation>%1 (prazo %2)</translation>
    </message>
    <message>
        <source>Call registered: %1</source>
        <translation>Chamado registrado: %1</translation>
    </message>
    <message>
        <source>Reopened: %1 → %2</source>
        <translation>Reaberto: %1 → %2</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Situação: %1 → %2</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Observação: %1</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Atribuído a %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sem responsável</translation>
    </message>
    <message>
        <source>Edited: %1</source>
        <translation>Editado: %1</translation>
    </message>
    <message>
        <source>Closed. Resolution: %1</source>
        <translation>Encerrado. Solução: %1</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Excluído</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restaurado</translation>
    </message>
</context>
<context>
    <name>CallError</name>
    <message>
        <source>Not saved: {user} changed call #{id} at {time}, after you opened it. Reload to see the current version, then apply your change again.</source>
        <translation>Não salvo: {user} alterou o chamado nº {id} em {time}, depois que você o abriu. Recarregue para ver a versão atual e aplique sua alteração novamente.</translation>
    </message>
    <message>
        <source>Not saved: another operator changed call #{id} after you opened it. Reload to see the current version, then apply your change again.</source>
        <translation>Não salvo: outro operador alterou o chamado nº {id} depois que você o abriu. Recarregue para ver a versão atual e aplique sua alteração novamente.</translation>
    </message>
    <message>
        <source>A call cannot go from {old} to {new}.</source>
        <translation>Um chamado não pode passar de {old} para {new}.</translation>
    </message>
    <message>
        <source>Call #{id} no longer exists.</source>
        <translation>O chamado nº {id} não existe mais.</translation>
    </message>
    <message>
        <source>Not saved: the calls database cannot be reached. Nothing was written and what you typed is kept; try again in a moment. If this goes on, tell the office&apos;s administrator.</source>
        <translation>Não salvo: o banco de dados de chamados está inacessível. Nada foi gravado e o que você digitou foi mantido; tente de novo em instantes. Se continuar, avise o administrador do escritório.</translation>
    </message>
    <message>
        <source>The calls database cannot be reached: the list may be out of date until it is back.</source>
        <translation>O banco de dados de chamados está inacessível: a lista pode estar desatualizada até ele voltar.</translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation>O campo {field} é obrigatório.</translation>
    </message>
    <message>
        <source>{field} is too long ({length} characters, at most {limit}).</source>
        <translation>O campo {field} está longo demais ({length} caracteres; o máximo é {limit}).</translation>
    </message>
    <message>
        <source>{field} contains control or invisible formatting characters.</source>
        <translation>O campo {field} contém caracteres de controle ou de formatação invisíveis.</translation>
    </message>
    <message>
        <source>{field} may only contain digits, spaces and ( ) + - . /</source>
        <translation>O campo {field} só aceita dígitos, espaços e ( ) + - . /</translation>
    </message>
    <message>
        <source>{field} must have between {min} and {max} digits.</source>
        <translation>O campo {field} deve ter entre {min} e {max} dígitos.</translation>
    </message>
    <message>
        <source>{field} must be Low, Medium or High.</source>
        <translation>O campo {field} deve ser Baixa, Média ou Alta.</translation>
    </message>
    <message>
        <source>“{value}” is not a known channel.</source>
        <translation>“{value}” não é um canal conhecido.</translation>
    </message>
    <message>
        <source>This change cannot be sent as an event ({reason}); nothing was saved.</source>
        <translation>Esta alteração não pode ser enviada como evento ({reason}); nada foi salvo.</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <source>Who is calling?</source>
        <translation>Quem está ligando?</translation>
    </message>
    <message>
        <source>(51) 99999-0000</source>
        <translation>(51) 99999-0000</translation>
    </message>
    <message>
        <source>One line: what is the problem?</source>
        <translation>Em uma linha: qual é o problema?</translation>
    </message>
    <message>
        <source>Details, error messages, what was tried…</source>
        <translation>Detalhes, mensagens de erro, o que já foi tentado…</translation>
    </message>
    <message>
        <source>Register call</source>
        <translation>Registrar chamado</translation>
    </message>
    <message>
        <source>Register the call (Ctrl+Enter)</source>
        <translation>Registrar o chamado (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>&amp;Caller</source>
        <translation>&amp;Cliente</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telefone</translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation>&amp;Assunto</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Descrição</translation>
    </message>
    <message>
        <source>Ca&amp;tegory</source>
        <translation>Cate&amp;goria</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>Ca&amp;nal</translation>
    </message>
    <message>
        <source>&amp;Urgency</source>
        <translation>&amp;Urgência</translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation>&amp;Impacto</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>#%1 · %2 · %3 · %4</source>
        <translation>nº %1 · %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>Repeat caller: %n open call(s)</source>
        <translation>
            <numerusform>Cliente recorrente: %n chamado aberto</numerusform>
            <numerusform>Cliente recorrente: %n chamados abertos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallMainWindow</name>
    <message>
        <source>CallSystem — %1</source>
        <translation>CallSystem — %1</translation>
    </message>
    <message>
        <source>Search caller, phone, subject, #number  (Ctrl+F)</source>
        <translation>Buscar cliente, telefone, assunto, nº  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>Não encerrados</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>Todos os chamados</translation>
    </message>
    <message>
        <source>Deleted (bin)</source>
        <translation>Excluídos (lixeira)</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Qualquer prioridade</translation>
    </message>
    <message>
        <source>Any operator</source>
        <translation>Qualquer operador</translation>
    </message>
    <message>
        <source>My calls</source>
        <translation>Meus chamados</translation>
    </message>
    <message>
        <source>Only calls assigned to me (Ctrl+M)</source>
        <translation>Somente chamados atribuídos a mim (Ctrl+M)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtros</translation>
    </message>
    <message>
        <source>New call</source>
        <translation>Novo chamado</translation>
    </message>
    <message>
        <source>Register a new call (Ctrl+N)</source>
        <translation>Registrar um novo chamado (Ctrl+N)</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Desfazer exclusão</translation>
    </message>
    <message>
        <source>&amp;New call</source>
        <translation>&amp;Novo chamado</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>Go to the &amp;list</source>
        <translation>Ir para a &amp;lista</translation>
    </message>
    <message>
        <source>Ne&amp;xt call</source>
        <translation>&amp;Próximo chamado</translation>
    </message>
    <message>
        <source>&amp;Previous call</source>
        <translation>Chamado &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;My calls</source>
        <translation>&amp;Meus chamados</translation>
    </message>
    <message>
        <source>S&amp;tart (in progress)</source>
        <translation>&amp;Iniciar (em andamento)</translation>
    </message>
    <message>
        <source>&amp;Wait on caller</source>
        <translation>A&amp;guardar cliente</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>&amp;Resolver</translation>
    </message>
    <message>
        <source>&amp;Close call…</source>
        <translation>&amp;Encerrar chamado…</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Reab&amp;rir</translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation>A&amp;tribuir a mim</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>Adicionar &amp;observação</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Salvar alterações</translation>
    </message>
    <message>
        <source>&amp;Delete call…</source>
        <translation>E&amp;xcluir chamado…</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>&amp;Desfazer exclusão</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Re&amp;carregar</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atalhos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Chamado</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>Register the call (in the form) / add the note (in the note box)</source>
        <translation>Registrar o chamado (no formulário) / adicionar a observação (na caixa de observação)</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>Próximo / campo anterior</translation>
    </message>
    <message>
        <source>In the search box: go to the results / empty the search</source>
        <translation>Na caixa de busca: ir para os resultados / limpar a busca</translation>
    </message>
    <message>
        <source>Move in the list</source>
        <translation>Mover-se na lista</translation>
    </message>
    <message>
        <source>%1 of %2 calls</source>
        <translation>%1 de %2 chamados</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Ao vivo</translation>
    </message>
    <message>
        <source>Changes by other operators appear as they happen.</source>
        <translation>As alterações de outros operadores aparecem assim que acontecem.</translation>
    </message>
    <message>
        <source>Live updates paused</source>
        <translation>Atualização ao vivo pausada</translation>
    </message>
    <message>
        <source>Redis is unreachable: the list checks the database for other operators&apos; changes every few seconds.</source>
        <translation>O Redis está inacessível: a lista consulta o banco de dados a cada poucos segundos para ver as alterações de outros operadores.</translation>
    </message>
</context>
<context>
    <name>CallSystem</name>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <source>Waiting on caller</source>
        <translation>Aguardando cliente</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolvido</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrado</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crítica</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Presencial</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgência</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impacto</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Solução</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <translation>%1d %2h</translation>
    </message>
    <message>
        <source>met</source>
        <translation>cumprido</translation>
    </message>
    <message>
        <source>breached</source>
        <translation>estourado</translation>
    </message>
    <message>
        <source>paused · %1</source>
        <translation>pausado · %1</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>atrasado %1</translation>
    </message>
</context>
<context>
    <name>CallTableModel</name>
    <message>
        <source>#</source>
        <translation>Nº</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Prazo %1</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Events per minute, by source</source>
        <translation>Eventos por minuto, por origem</translation>
    </message>
    <message>
        <source>Events by type</source>
        <translation>Eventos por tipo</translation>
    </message>
    <message>
        <source>Latency (ms): median and p95</source>
        <translation>Latência (ms): mediana e p95</translation>
    </message>
    <message>
        <source>Open calls by status</source>
        <translation>Chamados abertos por situação</translation>
    </message>
    <message>
        <source>Calls opened vs closed per hour</source>
        <translation>Chamados abertos × encerrados por hora</translation>
    </message>
    <message>
        <source>Tasks completed per hour</source>
        <translation>Tarefas concluídas por hora</translation>
    </message>
    <message>
        <source>median</source>
        <translation>mediana</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>abertos</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>encerrados</translation>
    </message>
    <message>
        <source>Latency (ms): median {0:.1f}, p95 {1:.1f}</source>
        <translation>Latência (ms): mediana {0:.1f}, p95 {1:.1f}</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Redis connected</source>
        <translation>Redis conectado</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Ao vivo</translation>
    </message>
    <message>
        <source>Catching up…</source>
        <translation>Recuperando eventos…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Redis unreachable</source>
        <translation>Redis inacessível</translation>
    </message>
    <message>
        <source>Redis refuses writes: {reason}</source>
        <translation>O Redis recusa gravações: {reason}</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>Banco de dados indisponível</translation>
    </message>
    <message>
        <source>Error, retrying…</source>
        <translation>Erro, tentando novamente…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Parado</translation>
    </message>
    <message>
        <source>Published by the office server</source>
        <translation>Publicado pelo servidor do escritório</translation>
    </message>
    <message numerus="yes">
        <source>%n dead letter(s)</source>
        <translation>
            <numerusform>%n evento não enviável</numerusform>
            <numerusform>%n eventos não enviáveis</numerusform>
        </translation>
    </message>
    <message>
        <source>Events that could not be sent. List them with &apos;integrado outbox list-dead&apos;; send them again with &apos;integrado outbox requeue&apos;.</source>
        <translation>Eventos que não puderam ser enviados. Liste-os com &apos;integrado outbox list-dead&apos;; envie-os de novo com &apos;integrado outbox requeue&apos;.</translation>
    </message>
    <message numerus="yes">
        <source>events queued on the server: %n</source>
        <translation>
            <numerusform>eventos na fila do servidor: %n</numerusform>
            <numerusform>eventos na fila do servidor: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n na fila</numerusform>
            <numerusform>%n na fila</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tudo</translation>
    </message>
    <message>
        <source>Integrado — Event Console</source>
        <translation>Integrado — Console de Eventos</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Ao vivo</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Pause the table (events are still received and stored)</source>
        <translation>Pausar a tabela (os eventos continuam sendo recebidos e gravados)</translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation>Seguir os mais recentes</translation>
    </message>
    <message>
        <source>Keep the newest event in sight</source>
        <translation>Manter o evento mais recente à vista</translation>
    </message>
    <message>
        <source>Clear view</source>
        <translation>Limpar a tela</translation>
    </message>
    <message>
        <source>Empty the table; the history stays in the database</source>
        <translation>Esvaziar a tabela; o histórico continua no banco de dados</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Histórico:</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Período personalizado</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>View as CSV…</source>
        <translation>Tela como CSV…</translation>
    </message>
    <message>
        <source>View as JSON Lines…</source>
        <translation>Tela como JSON Lines…</translation>
    </message>
    <message>
        <source>Selection as CSV…</source>
        <translation>Seleção como CSV…</translation>
    </message>
    <message>
        <source>Selection as JSON Lines…</source>
        <translation>Seleção como JSON Lines…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Todas as origens</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Todos os tipos</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Todos os operadores</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recebido</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Qualquer horário</translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation>Últimos 5 min</translation>
    </message>
    <message>
        <source>Last 15 min</source>
        <translation>Últimos 15 min</translation>
    </message>
    <message>
        <source>Search summary, type, entity, operator…</source>
        <translation>Buscar resumo, tipo, entidade, operador…</translation>
    </message>
    <message>
        <source>Click to stop filtering by this entity</source>
        <translation>Clique para deixar de filtrar por esta entidade</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Limpar filtros</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Filtro salvo</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Salvar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Select an event to see all of it</source>
        <translation>Selecione um evento para vê-lo por completo</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>Latest rejected messages</source>
        <translation>Últimas mensagens rejeitadas</translation>
    </message>
    <message>
        <source>Rejected (0)</source>
        <translation>Rejeitadas (0)</translation>
    </message>
    <message>
        <source>No gaps: every event is accounted for</source>
        <translation>Sem lacunas: todos os eventos foram recebidos</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Lacunas</translation>
    </message>
    <message>
        <source>{0} · origin {1}</source>
        <translation>{0} · origem {1}</translation>
    </message>
    <message>
        <source>Export %p%</source>
        <translation>Exportando %p%</translation>
    </message>
    <message>
        <source>Gap detected: {0}</source>
        <translation>Lacuna detectada: {0}</translation>
    </message>
    <message>
        <source>Rejected ({0})</source>
        <translation>Rejeitadas ({0})</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>{0} new</source>
        <translation>{0} novos</translation>
    </message>
    <message>
        <source>{0} shown · {1} loaded</source>
        <translation>{0} exibidos · {1} carregados</translation>
    </message>
    <message>
        <source>Entity: {0} ✕</source>
        <translation>Entidade: {0} ✕</translation>
    </message>
    <message>
        <source>Only this type: {0}</source>
        <translation>Somente este tipo: {0}</translation>
    </message>
    <message>
        <source>Only this operator: {0}</source>
        <translation>Somente este operador: {0}</translation>
    </message>
    <message>
        <source>Only this entity: {0}</source>
        <translation>Somente esta entidade: {0}</translation>
    </message>
    <message>
        <source>Copy cell</source>
        <translation>Copiar célula</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(escolha)</translation>
    </message>
    <message>
        <source>Save filter preset</source>
        <translation>Salvar filtro</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>Nome do filtro:</translation>
    </message>
    <message>
        <source>Event {0} is not in the database.</source>
        <translation>O evento {0} não está no banco de dados.</translation>
    </message>
    <message>
        <source>The range ends before it starts</source>
        <translation>O período termina antes de começar</translation>
    </message>
    <message>
        <source>Showing the newest {0} of {1} events in this range</source>
        <translation>Exibindo os {0} mais recentes de {1} eventos neste período</translation>
    </message>
    <message>
        <source>Could not load the history: {0}</source>
        <translation>Não foi possível carregar o histórico: {0}</translation>
    </message>
    <message>
        <source>Export events</source>
        <translation>Exportar eventos</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>An export is already running</source>
        <translation>Já há uma exportação em andamento</translation>
    </message>
    <message>
        <source>Exported {0} events to {1}</source>
        <translation>{0} eventos exportados para {1}</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>A exportação falhou: {0}</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>Received</source>
        <translation>Recebido</translation>
    </message>
    <message>
        <source>Occurred</source>
        <translation>Ocorrido</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidade</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Computador</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latência</translation>
    </message>
    <message>
        <source>legacy</source>
        <translation>legado</translation>
    </message>
</context>
<context>
    <name>ExceptHook</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erro inesperado</translation>
    </message>
    <message>
        <source>The error was logged. Your saved work is safe.</source>
        <translation>O erro foi registrado no log. O que você já salvou está seguro.</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Export cancelled</source>
        <translation>Exportação cancelada</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Integrado cannot open its database</source>
        <translation>O Integrado não pode abrir o banco de dados</translation>
    </message>
</context>
<context>
    <name>RejectionCountModel</name>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Quantidade</translation>
    </message>
    <message>
        <source>Latest detail</source>
        <translation>Último detalhe</translation>
    </message>
</context>
<context>
    <name>ResolutionDialog</name>
    <message>
        <source>Close call</source>
        <translation>Encerrar chamado</translation>
    </message>
    <message>
        <source>How was %1 resolved?</source>
        <translation>Como o %1 foi resolvido?</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
</context>
<context>
    <name>TaskController</name>
    <message>
        <source>The change was not saved: %1</source>
        <translation>A alteração não foi salva: %1</translation>
    </message>
</context>
<context>
    <name>TaskDetailPane</name>
    <message>
        <source>None</source>
        <translation>Nenhuma</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Prazo em</translation>
    </message>
    <message>
        <source>Notes: who to call, what was agreed, links to tickets…</source>
        <translation>Anotações: quem contatar, o que foi combinado, links para chamados…</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Prazo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anotações</translation>
    </message>
    <message>
        <source>No task selected</source>
        <translation>Nenhuma tarefa selecionada</translation>
    </message>
    <message>
        <source>Top-level task</source>
        <translation>Tarefa principal</translation>
    </message>
    <message>
        <source>Done on %1</source>
        <translation>Concluída em %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluída</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Aberta</translation>
    </message>
    <message>
        <source>%v of %m subtasks done</source>
        <translation>%v de %m subtarefas concluídas</translation>
    </message>
</context>
<context>
    <name>TaskError</name>
    <message>
        <source>Not saved: the tasks database cannot be reached. Nothing was written and what you typed is kept; try again in a moment. If this goes on, tell the office&apos;s administrator.</source>
        <translation>Não salvo: o banco de dados de tarefas está inacessível. Nada foi gravado e o que você digitou foi mantido; tente de novo em instantes. Se continuar, avise o administrador do escritório.</translation>
    </message>
    <message>
        <source>The tasks database cannot be reached: the tree may be out of date until it is back.</source>
        <translation>O banco de dados de tarefas está inacessível: a árvore pode estar desatualizada até ele voltar.</translation>
    </message>
    <message>
        <source>A task needs a title.</source>
        <translation>Uma tarefa precisa de um título.</translation>
    </message>
    <message>
        <source>A title can have at most {limit} characters (this one has {length}).</source>
        <translation>Um título pode ter no máximo {limit} caracteres (este tem {length}).</translation>
    </message>
    <message>
        <source>The title contains control or text-direction characters; please retype it.</source>
        <translation>O título contém caracteres de controle ou de direção de texto; digite-o novamente.</translation>
    </message>
    <message>
        <source>Notes can have at most {limit} characters (these have {length}).</source>
        <translation>As anotações podem ter no máximo {limit} caracteres (estas têm {length}).</translation>
    </message>
    <message>
        <source>The notes contain control or text-direction characters; please retype them.</source>
        <translation>As anotações contêm caracteres de controle ou de direção de texto; digite-as novamente.</translation>
    </message>
    <message>
        <source>Unknown priority {priority}.</source>
        <translation>Prioridade desconhecida: {priority}.</translation>
    </message>
    <message>
        <source>Task #{id} no longer exists.</source>
        <translation>A tarefa nº {id} não existe mais.</translation>
    </message>
    <message>
        <source>A subtask cannot be due after its parent: the parent is due on {date}.</source>
        <translation>Uma subtarefa não pode ter prazo depois da tarefa principal: o prazo dela é {date}.</translation>
    </message>
    <message>
        <source>A subtask of this task is due later, on {date}.</source>
        <translation>Uma subtarefa desta tarefa tem prazo posterior, em {date}.</translation>
    </message>
    <message>
        <source>A task cannot be moved into itself or one of its own subtasks.</source>
        <translation>Uma tarefa não pode ser movida para dentro de si mesma nem de uma de suas subtarefas.</translation>
    </message>
    <message>
        <source>This task (or a subtask) is due after {date}, the new parent&apos;s due date.</source>
        <translation>Esta tarefa (ou uma subtarefa) tem prazo depois de {date}, o prazo da nova tarefa principal.</translation>
    </message>
    <message>
        <source>Task #{id} already exists.</source>
        <translation>A tarefa nº {id} já existe.</translation>
    </message>
    <message>
        <source>This task has {count} open subtask(s). Complete them first (the parent rule is set to block completing a parent with open subtasks).</source>
        <translation>Esta tarefa tem {count} subtarefa(s) aberta(s). Conclua-as primeiro (a regra atual impede concluir uma tarefa com subtarefas abertas).</translation>
    </message>
    <message>
        <source>Task #{id} is not below task #{top}.</source>
        <translation>A tarefa nº {id} não está abaixo da tarefa nº {top}.</translation>
    </message>
    <message>
        <source>“{title}” was changed by someone else meanwhile; nothing was saved.</source>
        <translation>“{title}” foi alterada por outra pessoa nesse meio-tempo; nada foi salvo.</translation>
    </message>
    <message>
        <source>“{title}” was removed (perhaps by someone else) and cannot be changed.</source>
        <translation>“{title}” foi removida (talvez por outra pessoa) e não pode ser alterada.</translation>
    </message>
    <message>
        <source>Task #{id} does not exist (perhaps removed by someone else).</source>
        <translation>A tarefa nº {id} não existe (talvez removida por outra pessoa).</translation>
    </message>
    <message>
        <source>“{title}” was changed by someone else since it was shown; nothing was saved. The tree now shows the latest state.</source>
        <translation>“{title}” foi alterada por outra pessoa depois de exibida; nada foi salvo. A árvore agora mostra a versão mais recente.</translation>
    </message>
    <message>
        <source>The due date is not a date.</source>
        <translation>O prazo não é uma data válida.</translation>
    </message>
    <message>
        <source>Nothing to restore.</source>
        <translation>Nada a restaurar.</translation>
    </message>
    <message>
        <source>These tasks can no longer be restored.</source>
        <translation>Estas tarefas não podem mais ser restauradas.</translation>
    </message>
    <message>
        <source>These tasks are no longer removed; nothing was restored.</source>
        <translation>Estas tarefas já não estão removidas; nada foi restaurado.</translation>
    </message>
</context>
<context>
    <name>TaskMainWindow</name>
    <message>
        <source>TaskManager — Integrado</source>
        <translation>TaskManager — Integrado</translation>
    </message>
    <message>
        <source>Search titles and notes (Ctrl+F)</source>
        <translation>Buscar em títulos e anotações (Ctrl+F)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abertas</translation>
    </message>
    <message>
        <source>Actionable</source>
        <translation>Para fazer agora</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluídas</translation>
    </message>
    <message>
        <source>Every task</source>
        <translation>Todas as tarefas</translation>
    </message>
    <message>
        <source>Tasks not done yet</source>
        <translation>Tarefas ainda não concluídas</translation>
    </message>
    <message>
        <source>Open tasks with no open subtasks: what can be done now</source>
        <translation>Tarefas abertas sem subtarefas abertas: o que dá para fazer agora</translation>
    </message>
    <message>
        <source>Completed tasks</source>
        <translation>Tarefas concluídas</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nova tarefa</translation>
    </message>
    <message>
        <source>New subtask</source>
        <translation>Nova subtarefa</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renomear</translation>
    </message>
    <message>
        <source>Complete / reopen</source>
        <translation>Concluir / reabrir</translation>
    </message>
    <message>
        <source>Indent</source>
        <translation>Tornar subtarefa</translation>
    </message>
    <message>
        <source>Make it a subtask of the task above (Tab)</source>
        <translation>Tornar subtarefa da tarefa acima (Tab)</translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation>Subir nível</translation>
    </message>
    <message>
        <source>Move it up one level (Shift+Tab)</source>
        <translation>Subir um nível (Shift+Tab)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Mover para cima</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Mover para baixo</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remover…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Localizar</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Expandir tudo</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Recolher tudo</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tarefa</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>&amp;Opções</translation>
    </message>
    <message>
        <source>When subtasks are done</source>
        <translation>Quando as subtarefas forem concluídas</translation>
    </message>
    <message>
        <source>Leave the parent to me</source>
        <translation>Deixar a tarefa principal comigo</translation>
    </message>
    <message>
        <source>Complete the parent automatically</source>
        <translation>Concluir a tarefa principal automaticamente</translation>
    </message>
    <message>
        <source>Block completing a parent with open subtasks</source>
        <translation>Impedir a conclusão de uma tarefa com subtarefas abertas</translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation>Remover “%1”?</translation>
    </message>
    <message>
        <source>Remove “%1” and its subtasks? %2 tasks will be removed.</source>
        <translation>Remover “%1” e suas subtarefas? %2 tarefas serão removidas.</translation>
    </message>
    <message>
        <source>1 match shown</source>
        <translation>1 resultado exibido</translation>
    </message>
    <message>
        <source>%1 matches shown</source>
        <translation>%1 resultados exibidos</translation>
    </message>
    <message>
        <source>Remove task</source>
        <translation>Remover tarefa</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>Você pode desfazer com Ctrl+Z.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <source>%1 tasks · %2 open · %3 done</source>
        <translation>%1 tarefas · %2 abertas · %3 concluídas</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 atrasadas</translation>
    </message>
</context>
<context>
    <name>TaskTreeModel</name>
    <message>
        <source>Task</source>
        <translation>Tarefa</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Prazo</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Atualizada</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>hoje %1</translation>
    </message>
    <message>
        <source>%1/%2 · %3%</source>
        <translation>%1/%2 · %3%</translation>
    </message>
</context>
</TS>
